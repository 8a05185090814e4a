/**
 * Accounts of the served domain and their credentials.
 *
 * <p>An account is keyed by its localpart, normalised with the PRECIS UsernameCaseMapped profile as JID
 * localparts are (RFC 7622 §3.3); its JID is {@code localpart@kith.domain}. It has a {@link
 * im.kith.xmpp.account.Role} and can be disabled. Passwords are never stored, neither in clear nor in a
 * reversible form: only the SCRAM-SHA-1 and SCRAM-SHA-256 verifiers of RFC 5802 §3 (salt, iteration
 * count, StoredKey, ServerKey) of the password prepared with the OpaqueString profile (RFC 7677 §4,
 * RFC 8265 §4.2). Schema: {@code V10__accounts.sql}; the persistent secret behind SCRAM's decoy salts
 * lives in {@code server_secrets} ({@code V11__server_secrets.sql}).
 *
 * <p>{@link im.kith.xmpp.account.AccountService} is the API (blocking; call it on a virtual thread) and
 * the {@link im.kith.xmpp.sasl.CredentialStore} SASL authenticates against. It fires
 * {@link im.kith.xmpp.account.AccountCreated}, {@link im.kith.xmpp.account.AccountRemoved},
 * {@link im.kith.xmpp.account.AccountDisabled} and {@link im.kith.xmpp.account.PasswordChanged} after
 * each change is committed, so that sessions of removed or disabled accounts can be closed.
 */
package im.kith.xmpp.account;
