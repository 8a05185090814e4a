package im.kith.xmpp.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A TLS-ALPN-01 validation certificate (RFC 8737 §3) with its private key: self-signed, for exactly the
 * name being validated, presented instead of the node's certificate on an {@code acme-tls/1} handshake.
 */
public record ValidationCertificate(PrivateKey key, X509Certificate certificate) {
    public ValidationCertificate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
    }
}
