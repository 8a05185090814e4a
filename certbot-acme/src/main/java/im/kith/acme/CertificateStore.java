package im.kith.acme;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The files under the data directory: {@code certs/fullchain.pem} (leaf first), {@code certs/privkey.pem}
 * (PKCS#8, mode 0600), {@code acme/account.pem} (the ACME account key pair, mode 0600) and
 * {@code acme/issued-by} (the directory URL the certificate came from). Each file is replaced atomically.
 * Blocking: call from a worker or virtual thread.
 */
final class CertificateStore {
    private static final Logger LOG = Logger.getLogger(CertificateStore.class);
    /** NIST P-256, supported by every CA and TLS client in use (RFC 8555 §6.2 allows ES256). */
    private static final String CURVE = "secp256r1";

    private final AcmeSettings settings;

    CertificateStore(AcmeSettings settings) {
        this.settings = settings;
    }

    /** The installed certificate, or empty if there is none or it cannot be parsed. */
    Optional<InstalledCertificate> current() {
        List<X509Certificate> chain;
        try {
            chain = PemFiles.readCertificates(settings.fullchain());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("Ignoring unreadable certificate %s: %s", settings.fullchain(), e.getMessage());
            return Optional.empty();
        }
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<PrivateKey> key;
        try {
            key = Optional.of(PemFiles.readPrivateKey(settings.privateKey()));
        } catch (IOException | RuntimeException e) {
            key = Optional.empty();
        }
        return Optional.of(new InstalledCertificate(chain, key));
    }

    /**
     * Writes the key, then the chain, then which CA issued them; the key first so that a reused key never
     * mismatches its chain.
     */
    InstalledCertificate install(List<X509Certificate> chain, PrivateKey key, URI directory) throws IOException {
        PemFiles.writeAtomically(settings.privateKey(), PemFiles.encodePrivateKey(key), true);
        PemFiles.writeAtomically(settings.fullchain(), PemFiles.encodeCertificates(chain), false);
        PemFiles.writeAtomically(issuerRecord(), directory + "\n", false);
        return new InstalledCertificate(chain, Optional.of(key));
    }

    /**
     * The ACME directory that issued the installed certificate, if this module installed it: a changed
     * directory (e.g. from staging to production) means the certificate is replaced, not kept until renewal.
     */
    Optional<URI> issuedBy() {
        try {
            return Optional.of(URI.create(Files.readString(issuerRecord(), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Path issuerRecord() {
        return settings.accountKey().resolveSibling("issued-by");
    }

    /** The account key pair, created and stored on first use. */
    KeyPair accountKey() throws IOException {
        if (Files.exists(settings.accountKey())) {
            return PemFiles.readKeyPair(settings.accountKey());
        }
        KeyPair pair = newCertificateKey();
        PemFiles.writeAtomically(settings.accountKey(), PemFiles.encodeKeyPair(pair), true);
        LOG.infof("Created ACME account key %s", settings.accountKey());
        return pair;
    }

    /** Whether an account key has been stored before. */
    boolean hasAccountKey() {
        return Files.exists(settings.accountKey());
    }

    /** A fresh EC key pair on {@value #CURVE}, from the JDK's own provider. */
    static KeyPair newCertificateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create " + CURVE + " keys", e);
        }
    }
}
