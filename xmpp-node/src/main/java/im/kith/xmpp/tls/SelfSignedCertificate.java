package im.kith.xmpp.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the self-signed certificate a node uses until (or instead of) an ACME certificate: an
 * ECDSA P-256 key, subjectAltName dNSName entries for every served name, one year of validity.
 */
final class SelfSignedCertificate {
    private SelfSignedCertificate() {
    }

    /** Returns {chain PEM, key PEM}. */
    static byte[][] create(List<String> names, Instant now) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair kp = kpg.generateKeyPair();
        X500Name subject = new X500Name("CN=" + names.getFirst());
        GeneralName[] san = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, kp.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            return new byte[][] {
                Pem.encode("CERTIFICATE", cert.getEncoded()).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Pem.encode("PRIVATE KEY", kp.getPrivate().getEncoded()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)
            };
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot create a self-signed certificate", e);
        }
    }
}
