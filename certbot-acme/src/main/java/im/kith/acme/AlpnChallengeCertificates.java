package im.kith.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS-ALPN-01 validation certificates (RFC 8737) of orders in progress, by server name.
 *
 * <p>The node's HTTPS listener looks up the client's SNI here when a handshake negotiated the ALPN
 * protocol {@link #ACME_TLS_1} and presents the returned certificate (the appliance connects the two;
 * this module knows no listener). RFC 8737 requires of that listener: the certificate is only presented
 * when {@code acme-tls/1} was negotiated with the validated name in SNI (§3); the handshake is TLS 1.2
 * or newer and carries no application data (§4).
 */
@ApplicationScoped
public class AlpnChallengeCertificates {
    /** The ALPN protocol name of RFC 8737 §6.2. */
    public static final String ACME_TLS_1 = "acme-tls/1";

    /** id-pe-acmeIdentifier, RFC 8737 §6.1. */
    static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentMap<String, KeyCertPair> byName = new ConcurrentHashMap<>();
    private final Clock clock;

    AlpnChallengeCertificates(Clock clock) {
        this.clock = clock;
    }

    /** The validation certificate for the server name {@code sni}, while its challenge is pending. */
    public Optional<KeyCertPair> forName(String sni) {
        return sni == null ? Optional.empty() : Optional.ofNullable(byName.get(normalise(sni)));
    }

    /** Builds and publishes the validation certificate for {@code domain}. */
    void publish(String domain, byte[] keyAuthorizationDigest) {
        byName.put(normalise(domain), build(domain, keyAuthorizationDigest));
    }

    void withdraw(String domain) {
        byName.remove(normalise(domain));
    }

    /**
     * RFC 8737 §3: a self-signed certificate whose subjectAltName holds exactly one dNSName, the domain
     * being validated, and which carries the critical acmeIdentifier extension whose value is the
     * SHA-256 digest of the key authorization, DER-encoded as an OCTET STRING.
     */
    KeyCertPair build(String domain, byte[] keyAuthorizationDigest) {
        if (keyAuthorizationDigest.length != 32) {
            throw new IllegalArgumentException("acmeIdentifier must be a SHA-256 digest (32 bytes)");
        }
        KeyPair pair = CertificateStore.newCertificateKey();
        Instant now = clock.instant();
        X500Name subject = new X500Name("CN=" + domain);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, RANDOM).setBit(63), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(7))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, domain)));
            builder.addExtension(ACME_IDENTIFIER, true, new DEROctetString(keyAuthorizationDigest));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new KeyCertPair(pair.getPrivate(), cert);
        } catch (IOException | CertificateException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the tls-alpn-01 certificate for " + domain, e);
        }
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
