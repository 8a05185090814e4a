package im.kith.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for federation tests, and server certificates it (or nobody) signs,
 * with subjectAltName dNSName and XmppAddr entries (RFC 6120 §13.7.1.4).
 */
public final class TestPki {
    /** id-on-xmppAddr (RFC 6120 §13.7.1.4). */
    private static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";

    private final KeyPair caKeys;
    private final X509Certificate ca;

    /** A certificate with its key. */
    public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {

        /** Leaf then issuer (when CA-signed), PEM. */
        public String chainPem() {
            String leaf = pem("CERTIFICATE", encoded(certificate));
            return issuer == null ? leaf : leaf + pem("CERTIFICATE", encoded(issuer));
        }

        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /**
         * The key as a SEC 1 {@code EC PRIVATE KEY} that carries its public point, which the JDK's PKCS #8
         * encoding leaves out: ejabberd pairs keys with certificates by that point.
         */
        public String ecKeyWithPublicPem() {
            ECPrivateKey ec = (ECPrivateKey) key;
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
            SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
            byte[] sec1 = encodedAsn1(new org.bouncycastle.asn1.sec.ECPrivateKey(
                    ec.getParams().getOrder().bitLength(), ec.getS(), pub.getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters()));
            return pem("EC PRIVATE KEY", sec1);
        }

        /** Writes fullchain.pem and privkey.pem into a directory, as the node expects them. */
        public void writeTo(Path dir, String chainName, String keyName) throws IOException {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(chainName), chainPem());
            Files.writeString(dir.resolve(keyName), keyPem());
        }
    }

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    public static TestPki create(String name) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(),
                subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new TestPki(keys, sign(b, keys.getPrivate()));
    }

    public String caPem() {
        return pem("CERTIFICATE", encoded(ca));
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A server certificate for the given dNSNames (no CN-only names: the CN is a decoy). */
    public Issued issue(String commonName, List<String> dnsNames, List<String> xmppAddrs) throws Exception {
        KeyPair keys = keyPair();
        List<GeneralName> san = new ArrayList<>();
        dnsNames.forEach(n -> san.add(new GeneralName(GeneralName.dNSName, n)));
        for (String x : xmppAddrs) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1ObjectIdentifier(XMPP_ADDR));
            v.add(new DERTaggedObject(true, 0, new DERUTF8String(x)));
            san.add(new GeneralName(GeneralName.otherName, new DERSequence(v)));
        }
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.getSubjectX500Principal(), serial(),
                notBefore(), notAfter(), new javax.security.auth.x500.X500Principal("CN=" + commonName),
                keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        if (!san.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(GeneralName[]::new)));
        }
        return new Issued(sign(b, caKeys.getPrivate()), keys.getPrivate(), ca);
    }

    /** A self-signed certificate for a name: valid-looking, but signed by nobody anyone trusts. */
    public static Issued selfSigned(String dnsName) throws Exception {
        return selfSigned(List.of(dnsName));
    }

    /** A self-signed certificate for several names (subjectAltName dNSName entries; the CN is the first). */
    public static Issued selfSigned(List<String> dnsNames) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + dnsNames.getFirst());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(),
                subject, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        return new Issued(sign(b, keys.getPrivate()), keys.getPrivate(), null);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(30)));
    }

    private static byte[] encodedAsn1(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
