/**
 * Client-to-server streams (RFC 6120 §4–§7): the per-connection state machine from stream header
 * through STARTTLS, SASL and resource binding, and the bound {@link im.kith.xmpp.session.ClientSession}
 * that features and the router see. Beside RFC 6120 SASL, streams speak SASL2 (XEP-0388) with Bind 2
 * (XEP-0386) and FAST token logins (XEP-0484, see {@link im.kith.xmpp.sasl.fast}): one round trip
 * authenticates, binds a resource, enables carbons, CSI and stream management (or resumes a session),
 * and answers with the archive's state. Transport-independent: it talks to a
 * {@link im.kith.xmpp.session.Connection}.
 */
package im.kith.xmpp.session;
