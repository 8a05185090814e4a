/**
 * SASL authentication (RFC 6120 §6, RFC 4422): the mechanism SPI the c2s session drives
 * ({@link im.kith.xmpp.sasl.SaslMechanism}, {@link im.kith.xmpp.sasl.SaslExchange}) and the mechanisms,
 * offered strongest first by {@link im.kith.xmpp.sasl.SaslMechanisms}: SCRAM-SHA-256-PLUS,
 * SCRAM-SHA-1-PLUS, SCRAM-SHA-256, SCRAM-SHA-1 (RFC 5802, RFC 7677) and PLAIN (RFC 4616).
 *
 * <h2>What is implemented where</h2>
 * <ul>
 * <li>RFC 5802 §3, §5, §7: message grammar ({@code ScramMessages}), proof verification against StoredKey
 * and the server signature ({@link im.kith.xmpp.sasl.ScramCredential}); §5.1: a client-first-message with
 * the mandatory-extension attribute {@code m=} MUST fail; user names with a '=' not followed by "2C" or
 * "3D" MUST fail.</li>
 * <li>RFC 5802 §6: gs2-cbind-flag {@code y} says the client binds but thinks the server does not. Kith
 * accepts it even though it offers -PLUS, because RFC 5802's mandatory type, tls-unique, does not exist
 * in TLS 1.3 and Kith does not offer it: clients that know only tls-unique (e.g. slixmpp) must still log
 * in. Clients with tls-exporter or tls-server-end-point learn them from XEP-0440 and use -PLUS. The
 * {@code c=} attribute MUST equal the GS2 header plus, for
 * {@code p}, the binding data of this connection. Binding types: {@code tls-exporter} (RFC 9266) and
 * {@code tls-server-end-point} (RFC 5929), which XEP-0440 §4 makes a MUST for servers. The -PLUS
 * variants are offered only where the connection's {@link im.kith.xmpp.sasl.ChannelBinding} provides one
 * of them.</li>
 * <li>RFC 7677 §4 / RFC 8265 §4.2: passwords are prepared with the PRECIS OpaqueString profile
 * ({@link im.kith.xmpp.sasl.Passwords}); user names are account localparts (RFC 6120 §6.3.7), normalised
 * like JID localparts (RFC 7622 §3.3).</li>
 * <li>RFC 6120 §6.3.8: an authorization identity must be the authenticating account's bare JID,
 * anything else is {@code invalid-authzid}. RFC 6120 §6.4.1: PLAIN is offered only on TLS-protected
 * streams.</li>
 * </ul>
 *
 * <h2>Defences</h2>
 * Proofs and passwords are compared with {@link java.security.MessageDigest#isEqual}. A name that is not
 * an account gets a server-first-message like any other: a salt derived from a persistent server secret
 * and the name (stable, so probing twice shows nothing) and the configured iteration count; it fails
 * only at the proof, as a wrong password does. PLAIN runs PBKDF2 on a decoy credential for such names so
 * that the answer takes as long. A disabled account is reported ({@code account-disabled}) only after the
 * right password. Malformed input ends the exchange with {@code malformed-request}; no exception reaches
 * the session. {@link im.kith.xmpp.sasl.AuthThrottle} throttles failed logins per address and per account
 * ({@code temporary-auth-failure} with the time to wait).
 *
 * <h2>Cost and the iteration count</h2>
 * The server never runs PBKDF2 ({@code Hi}) for a SCRAM login: the client does; the server computes a
 * few HMACs and hashes per login. ScramServerCostTest measures about 19,000 SCRAM-SHA-256 logins per
 * second on one thread (3,000 with the 2-core machine overloaded twelvefold), so the target of 1,500
 * logins/s per core holds at any iteration count. The count ({@code kith.auth.scram-iterations}, default
 * 4096, the minimum RFC 7677 §4 recommends) is paid on the server when a password is set (one {@code Hi}
 * per hash, about 1 ms each at 4096 on an idle x86 core, so some 500 accounts/s per core for imports)
 * and at each PLAIN login (one {@code Hi}: roughly 1,000 PLAIN logins/s per core). Raising it makes
 * guessing against a stolen database dearer and slows PLAIN and provisioning in proportion; current
 * clients use SCRAM.
 */
package im.kith.xmpp.sasl;
