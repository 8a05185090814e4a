package im.kith.acme;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The certificate currently at {@code certs/fullchain.pem}, with its key if that could be read.
 *
 * @param chain leaf first
 * @param key   the private key from {@code certs/privkey.pem}, if readable
 */
record InstalledCertificate(List<X509Certificate> chain, Optional<PrivateKey> key) {
    private static final int SAN_DNS_NAME = 2;

    InstalledCertificate {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty chain");
        }
        chain = List.copyOf(chain);
    }

    X509Certificate leaf() {
        return chain.getFirst();
    }

    Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    Duration lifetime() {
        return Duration.between(notBefore(), notAfter());
    }

    /** The leaf's DNS subject alternative names, lower case. */
    List<String> dnsNames() {
        try {
            Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
            if (sans == null) {
                return List.of();
            }
            return sans.stream()
                    .filter(san -> san.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(san.get(0)))
                    .map(san -> san.get(1).toString().toLowerCase(Locale.ROOT))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /**
     * Whether this is a CA-issued certificate for all {@code names} that is valid at {@code now}: the
     * node's self-signed placeholder, an expired certificate or one for other names is replaced by a
     * fresh order rather than renewed.
     */
    boolean isUsableFor(List<String> names, Instant now) {
        boolean selfSigned = leaf().getSubjectX500Principal().equals(leaf().getIssuerX500Principal());
        return !selfSigned && chain.size() > 1 && dnsNames().containsAll(names)
                && now.isBefore(notAfter()) && !now.isBefore(notBefore());
    }

    /** The key pair of the leaf, if the stored private key belongs to it. */
    Optional<KeyPair> keyPair() {
        return key.filter(this::matchesLeaf).map(k -> new KeyPair(leaf().getPublicKey(), k));
    }

    private boolean matchesLeaf(PrivateKey privateKey) {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = "kith key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
