/**
 * TLS key material of the node's listeners (RFC 6120 §5, §13.7): loaded from the data directory,
 * self-signed when nothing else is there, reloaded without restart after an ACME renewal, and copied
 * for the TURN server's TLS listener ({@code turns:}, RFC 7065) when configured.
 */
package im.kith.xmpp.tls;
