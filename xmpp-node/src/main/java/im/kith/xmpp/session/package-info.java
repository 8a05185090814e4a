/**
 * Client-to-server streams (RFC 6120 §4–§7): the per-connection state machine from stream header
 * through STARTTLS, SASL and resource binding, and the bound {@link im.kith.xmpp.session.ClientSession}
 * that features and the router see. Transport-independent: it talks to a
 * {@link im.kith.xmpp.session.Connection}.
 */
package im.kith.xmpp.session;
