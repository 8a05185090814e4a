package im.kith.invite.circle;

import java.util.List;

import im.kith.invite.store.Circle;

/**
 * The group chats of circles: members-only persistent MUC rooms (XEP-0045 §10.1.3, §10.2) on
 * {@code groups.DOMAIN} whose members are affiliated, bookmarked with autojoin for each member
 * (XEP-0402 §3.1). Calls are blocking and made on virtual threads; failures are logged, not thrown, so
 * that a circle keeps working (rooms missing at start are created then).
 */
public interface CircleChatRooms {

    /** A circle has no room (it was just created, or predates group chats): create one and add its members. */
    void circleCreated(Circle circle, List<String> members);

    /**
     * Another room for a circle, titled {@code title}, with the circle's members affiliated and bookmarked.
     *
     * @return the room's localpart
     * @throws IllegalStateException if the room could not be created
     */
    String roomAdded(Circle circle, String title, List<String> members);

    /** A room of the circle goes: its members lose affiliation and bookmark, and it is destroyed. */
    void roomRemoved(Circle circle, String room, List<String> members);

    /** A circle is being deleted, its members are gone: destroy its rooms (XEP-0045 §10.9). */
    void circleDeleted(Circle circle);

    /** An account joined: affiliate it as member of the circle's rooms and bookmark them with autojoin. */
    void memberAdded(Circle circle, String account);

    /** An account left: drop its affiliations with the circle's rooms and their bookmarks. */
    void memberRemoved(Circle circle, String account);
}
