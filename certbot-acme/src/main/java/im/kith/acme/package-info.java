/**
 * Obtains and renews the node's TLS certificate from an ACME CA (Let's Encrypt by default).
 *
 * <p>Implements the client side of ACME, RFC 8555, through ACME4J: account lookup and creation (§7.3),
 * orders (§7.4), authorizations and challenges (§7.5, §8), answering HTTP-01 on the node's HTTP listener
 * (§8.3) and providing TLS-ALPN-01 validation certificates (RFC 8737 §3) for the TLS listener; renewal
 * timing follows the CA's renewal information when offered (ARI, RFC 9773 §4) and otherwise renews after
 * two thirds of the lifetime. Rate limits and Retry-After (RFC 8555 §6.6) are honoured.
 *
 * <p>Contract with the rest of the server: the certificate is written to
 * {@code ${KITH_DATA_DIR}/certs/fullchain.pem} and {@code privkey.pem}; {@link im.kith.acme.CertificateInstalled}
 * is fired after each installation, {@link im.kith.acme.CertificateRenewalFailing} when renewal keeps failing
 * close to expiry, and {@link im.kith.acme.AcmeStatusView} tells the current state. When ACME is off the
 * module does nothing.
 */
package im.kith.acme;
