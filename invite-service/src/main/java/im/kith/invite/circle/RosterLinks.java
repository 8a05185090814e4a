package im.kith.invite.circle;

/**
 * The narrow view of rosters that circles and contact invites need: make two local accounts mutual
 * contacts, and undo it. Implementations push the changes to connected clients (RFC 6121 §2.1.6).
 */
public interface RosterLinks {

    /**
     * Puts each account on the other's roster with subscription 'both' (RFC 6121 §3), adding
     * {@code group} to the item's groups when not null.
     */
    void befriend(String a, String b, String group);

    /**
     * Takes {@code group} off both items; an item left with no group, and not kept by another circle
     * ({@code stillShared}), is removed from the roster with its subscription.
     */
    void unfriend(String a, String b, String group, boolean stillShared);

    /**
     * Pre-approves a subscription request from {@code contact} to {@code owner} (RFC 6121 §3.4) and puts
     * the contact on the owner's roster asking for a subscription back (ask='subscribe').
     *
     * @return whether the owner should now send the contact a subscription request
     */
    boolean preApprove(String owner, im.kith.xmpp.jid.Jid contact);
}
