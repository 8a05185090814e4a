/**
 * The node's web side on the Quarkus HTTP server: HTTPS with the node's certificate, hot-swapped through
 * the Quarkus TLS registry; plain HTTP redirected to HTTPS (except ACME HTTP-01 challenges and
 * host-meta); XMPP over WebSocket (RFC 7395) at {@code /xmpp-websocket}; BOSH (XEP-0124, XEP-0206) at
 * {@code /http-bind}; and connection-method discovery (XEP-0156) at {@code /.well-known/host-meta}.
 * Both XMPP bindings adapt their transport to {@link im.kith.xmpp.session.Connection}, so SASL,
 * binding, routing and features behave as on TCP.
 */
package im.kith.xmpp.transport.web;
