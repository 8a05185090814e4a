package im.kith.xmpp.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The key and certificate chain the node's TLS listeners present, in PEM form for the transport and
 * parsed for inspection.
 *
 * @param chain    leaf first
 * @param chainPem the chain as PEM text
 * @param keyPem   the private key as PKCS#8 PEM text
 */
public record TlsMaterial(List<X509Certificate> chain, byte[] chainPem, byte[] keyPem) {

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }
}
