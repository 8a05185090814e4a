package im.kith.invite.circle;

/**
 * The group chat of a circle: a members-only persistent MUC room (XEP-0045 §10.1.3, §10.2) on
 * {@code groups.DOMAIN} whose members are affiliated, bookmarked with autojoin for each member
 * (XEP-0402 §3.1). The MUC service implements this; until it does, {@link NoCircleChatRooms} keeps circles
 * working without rooms. Calls are blocking and made on virtual threads.
 */
public interface CircleChatRooms {

    /** A circle was created: create its room, named after the circle. */
    void circleCreated(String circle);

    /** A circle was deleted: destroy its room (XEP-0045 §10.9). */
    void circleDeleted(String circle);

    /** An account joined: affiliate it as member and add the bookmark with autojoin. */
    void memberAdded(String circle, String account);

    /** An account left: drop its affiliation and its bookmark. */
    void memberRemoved(String circle, String account);
}
