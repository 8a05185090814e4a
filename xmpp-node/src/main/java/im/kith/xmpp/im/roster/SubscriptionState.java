package im.kith.xmpp.im.roster;

/**
 * The presence subscription state of one contact, as in RFC 6121 Appendix A ("None + Pending Out",
 * "From + Pending Out", ...), plus a subscription pre-approval (RFC 6121 §3.4).
 *
 * @param subscription who receives whose presence
 * @param pendingOut   the account asked the contact for a subscription (ask='subscribe')
 * @param pendingIn    the contact asked the account for a subscription that is not answered yet
 * @param approved     the account pre-approved a subscription request from the contact
 */
public record SubscriptionState(Subscription subscription, boolean pendingOut, boolean pendingIn,
        boolean approved) {

    public static final SubscriptionState NONE = new SubscriptionState(Subscription.NONE, false, false, false);

    public SubscriptionState {
        // Appendix A: there is no "To + Pending Out" nor "From + Pending In"; a pre-approval only makes
        // sense while the contact is not subscribed.
        if (subscription.to() && pendingOut) {
            throw new IllegalArgumentException("pending out while subscribed to the contact");
        }
        if (subscription.from() && (pendingIn || approved)) {
            throw new IllegalArgumentException("pending in or pre-approved while the contact is subscribed");
        }
    }

    public boolean to() {
        return subscription.to();
    }

    public boolean from() {
        return subscription.from();
    }

    public SubscriptionState withTo(boolean to) {
        return new SubscriptionState(subscription.withTo(to), pendingOut && !to, pendingIn, approved);
    }

    public SubscriptionState withFrom(boolean from) {
        return new SubscriptionState(subscription.withFrom(from), pendingOut, pendingIn && !from, approved && !from);
    }

    public SubscriptionState withPendingOut(boolean value) {
        return new SubscriptionState(subscription, value, pendingIn, approved);
    }

    public SubscriptionState withPendingIn(boolean value) {
        return new SubscriptionState(subscription, pendingOut, value, approved);
    }

    public SubscriptionState withApproved(boolean value) {
        return new SubscriptionState(subscription, pendingOut, pendingIn, value);
    }

    /** Whether nothing is left to remember about the contact. */
    public boolean isNone() {
        return equals(NONE);
    }
}
