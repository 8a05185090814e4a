/**
 * Federation: server-to-server streams (RFC 6120 §4–§6, §13.7, §13.12).
 *
 * <p>Outgoing streams resolve the peer by SRV ({@code _xmpps-server._tcp} for direct TLS per XEP-0368,
 * then {@code _xmpp-server._tcp}, RFC 6120 §3.2), negotiate TLS and authenticate with SASL EXTERNAL
 * (RFC 6120 §6, identity checked per RFC 6125 / RFC 7590) or Server Dialback (XEP-0220 with keys
 * from XEP-0185). Incoming streams require TLS, accept EXTERNAL with a certificate that validates for
 * the peer domain and dialback otherwise, and check every stanza's addresses (RFC 6120 §4.9.3.9,
 * §4.9.3.6). Streams are made bidirectional (XEP-0288) when both sides agree, so that one connection
 * carries a domain pair's stanzas both ways. The socket code lives in {@code im.kith.xmpp.transport}; this package holds the protocol
 * state machines, routing, policy and status.
 */
package im.kith.xmpp.s2s;
