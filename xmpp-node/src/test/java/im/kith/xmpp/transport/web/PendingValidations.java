package im.kith.xmpp.transport.web;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import im.kith.xmpp.tls.AlpnChallengeResponder;
import im.kith.xmpp.tls.ValidationCertificate;

/** The tests' stand-in for the ACME module: validation certificates that a test publishes by name. */
@Singleton
class PendingValidations implements AlpnChallengeResponder {
    private final Map<String, ValidationCertificate> byName = new ConcurrentHashMap<>();

    @Override
    public Optional<ValidationCertificate> forName(String sni) {
        return Optional.ofNullable(byName.get(sni));
    }

    /** Publishes a new self-signed certificate for {@code name} and returns it. */
    ValidationCertificate publish(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(7))), subject,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        ValidationCertificate validation = new ValidationCertificate(pair.getPrivate(), cert);
        byName.put(name, validation);
        return validation;
    }

    void withdraw(String name) {
        byName.remove(name);
    }
}
