/**
 * Circles: every member has every other member on the roster with subscription 'both' (RFC 6121 §2, §3)
 * in a group named after the circle, pushed to connected clients (RFC 6121 §2.1.6 MUST). Group chats of
 * circles are provided through {@link im.kith.invite.circle.CircleChatRooms} by the MUC service
 * (XEP-0045 members-only persistent rooms, XEP-0402 bookmarks).
 */
package im.kith.invite.circle;
