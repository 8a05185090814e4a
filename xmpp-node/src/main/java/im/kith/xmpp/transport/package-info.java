/**
 * The only package that knows Vert.x: TCP listeners, TLS (STARTTLS per RFC 6120 §5 and direct TLS per
 * XEP-0368), and the {@link im.kith.xmpp.session.Connection} adapter that feeds bytes to the session
 * layer.
 */
package im.kith.xmpp.transport;
