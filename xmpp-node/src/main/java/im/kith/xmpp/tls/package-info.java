/**
 * TLS key material of the node's listeners (RFC 6120 §5, §13.7): loaded from the data directory,
 * self-signed when nothing else is there, reloaded without restart after an ACME renewal.
 */
package im.kith.xmpp.tls;
