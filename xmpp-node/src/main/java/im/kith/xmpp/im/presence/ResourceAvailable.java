package im.kith.xmpp.im.presence;

import im.kith.xmpp.feature.LocalSession;

/**
 * CDI event fired on a session's event loop when the resource becomes available with a non-negative
 * priority, by initial presence or by raising its priority (RFC 6121 §4.2, §4.7.2.3): from then on
 * messages to the bare JID reach it (§8.5.2.1.1), so stored messages can be delivered (§8.5.2.2).
 */
public record ResourceAvailable(LocalSession session) {
}
