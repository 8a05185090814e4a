package im.kith.acme;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * CDI event fired after a new certificate and key were written: TLS listeners reload them.
 *
 * @param fullchain  the chain file, leaf first
 * @param privateKey the key file (PKCS#8)
 * @param notAfter   expiry of the new certificate
 * @param names      the names it covers
 */
public record CertificateInstalled(Path fullchain, Path privateKey, Instant notAfter, List<String> names) {
    public CertificateInstalled {
        names = List.copyOf(names);
    }
}
