package im.kith.invite.core;

import im.kith.invite.store.InviteView;

/**
 * A new invite with its token, which exists only here: the database keeps its hash.
 *
 * @param landingUrl the web page of the invite
 * @param xmppUri    the URI an XMPP client opens (XEP-0401 §4, XEP-0445 §2)
 */
public record CreatedInvite(InviteView invite, String token, String landingUrl, String xmppUri) {
}
