package im.kith.xmpp.im.presence;

import im.kith.xmpp.im.roster.SubscriptionState;

/**
 * The subscription state machine of RFC 6121 Appendix A, with the pre-approvals of §3.4: how a
 * subscription stanza changes the state a server keeps for one contact, and what the server does with
 * the stanza. Pure functions; {@link SubscriptionService} applies them.
 */
final class SubscriptionTransitions {

    private SubscriptionTransitions() {
    }

    /** The result of a stanza a local user sent: the new state, and whether the stanza goes to the contact. */
    record Outbound(SubscriptionState after, boolean route) {
    }

    /** What the contact's server does with an inbound subscription stanza. */
    enum Reaction {
        /** Deliver it to the account's available resources (and keep a request for later ones). */
        DELIVER,
        /** Answer on the account's behalf with "subscribed" (§3.1.3 already subscribed, §3.4 pre-approved). */
        APPROVE,
        /** Nothing changed: the stanza is dropped silently. */
        IGNORE
    }

    /** The result of a stanza from a contact: the new state and the reaction. */
    record Inbound(SubscriptionState after, Reaction reaction) {
    }

    /** Appendix A.2: the user's server processing an outbound subscription stanza. */
    static Outbound outbound(SubscriptionType type, SubscriptionState s) {
        return switch (type) {
            // A.2.2, §3.1.2: the request is always routed; it makes "Pending Out" unless already subscribed.
            case SUBSCRIBE -> new Outbound(s.to() ? s : s.withPendingOut(true), true);
            // A.2.3, §3.3.2: always routed; ends the subscription to the contact and any request for it.
            case UNSUBSCRIBE -> new Outbound(s.withTo(false).withPendingOut(false), true);
            case SUBSCRIBED -> {
                if (s.pendingIn()) {
                    // A.2.4, §3.1.5: approves the contact's pending request.
                    yield new Outbound(s.withFrom(true), true);
                }
                if (s.from()) {
                    // A.2.4: no state change, nothing to route.
                    yield new Outbound(s, false);
                }
                // §3.4.1: without a pending request, "subscribed" is a pre-approval; it is not routed.
                yield new Outbound(s.withApproved(true), false);
            }
            // A.2.5, §3.2.2: cancels the contact's subscription or denies its request, and any pre-approval;
            // routed only if there was a subscription or request to cancel.
            case UNSUBSCRIBED -> new Outbound(s.withFrom(false).withPendingIn(false).withApproved(false),
                    s.from() || s.pendingIn());
        };
    }

    /** Appendix A.3: the contact's server processing an inbound subscription stanza. */
    static Inbound inbound(SubscriptionType type, SubscriptionState s) {
        return switch (type) {
            case SUBSCRIBE -> {
                if (s.from()) {
                    // §3.1.3: already subscribed: the server MUST auto-reply "subscribed" for the contact.
                    yield new Inbound(s, Reaction.APPROVE);
                }
                if (s.approved()) {
                    // §3.4.2: pre-approved: the server MUST approve without asking the contact.
                    yield new Inbound(s.withFrom(true), Reaction.APPROVE);
                }
                // A.3.1, §3.1.3: "Pending In"; delivered now and kept for resources that come later.
                yield new Inbound(s.withPendingIn(true), Reaction.DELIVER);
            }
            // A.3.2, §3.1.6: only a request the user made is answered; anything else is ignored.
            case SUBSCRIBED -> s.pendingOut()
                    ? new Inbound(s.withTo(true), Reaction.DELIVER)
                    : new Inbound(s, Reaction.IGNORE);
            // A.3.3, §3.3.3: the contact ends its subscription to the user, or withdraws its request.
            case UNSUBSCRIBE -> s.from() || s.pendingIn()
                    ? new Inbound(s.withFrom(false).withPendingIn(false), Reaction.DELIVER)
                    : new Inbound(s, Reaction.IGNORE);
            // A.3.4, §3.2.3: the contact cancels the user's subscription, or denies the user's request.
            case UNSUBSCRIBED -> s.to() || s.pendingOut()
                    ? new Inbound(s.withTo(false).withPendingOut(false), Reaction.DELIVER)
                    : new Inbound(s, Reaction.IGNORE);
        };
    }
}
