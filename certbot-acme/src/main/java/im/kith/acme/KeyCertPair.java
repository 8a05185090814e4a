package im.kith.acme;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A certificate with its private key, as a TLS listener presents it. */
public record KeyCertPair(PrivateKey key, X509Certificate certificate) {
    public KeyCertPair {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
    }
}
