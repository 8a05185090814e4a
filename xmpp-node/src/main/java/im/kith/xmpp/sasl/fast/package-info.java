/**
 * FAST (XEP-0484, Fast Authentication Streamlining Tokens): after a password login through SASL2
 * (XEP-0388) a client may ask for a token and log in with it next time in one round trip, using the
 * Hashed Token mechanisms HT-SHA-256-EXPR, -ENDP and -NONE (draft-schmaus-kitten-sasl-ht).
 *
 * <p>Tokens belong to one account and one client installation (the SASL2 user-agent id) and are bound to
 * the mechanism they were requested for (§4.3). Each client has at most two: the one in use and a newer
 * one handed out but not yet used, which replaces it on first use (§6.1). Tokens are rotated once half of
 * their lifetime has passed (§4.4), revoked when the client asks (§4.5) and when the account's password
 * changes. TLS 0-RTT is not offered, so the replay counter is not needed (§4.3).
 */
package im.kith.xmpp.sasl.fast;
