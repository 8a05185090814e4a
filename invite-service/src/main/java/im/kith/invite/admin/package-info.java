/**
 * Invite and circle routes of the management API ({@code kithctl invite ...}, {@code kithctl circle ...}),
 * in the style of {@code im.kith.xmpp.admin}: bearer token, JSON or plain text answers.
 */
package im.kith.invite.admin;
