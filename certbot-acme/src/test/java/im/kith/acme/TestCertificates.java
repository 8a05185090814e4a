package im.kith.acme;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away certificates and ports for test servers on 127.0.0.1. */
final class TestCertificates {
    private TestCertificates() {
    }

    /** A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, valid for a day. */
    static KeyCertPair localhost() throws Exception {
        KeyPair pair = CertificateStore.newCertificateKey();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new KeyCertPair(pair.getPrivate(), cert);
    }

    /** Writes {@code pair} as PEM files: the certificate to {@code cert}, the PKCS#8 key to {@code key}. */
    static void write(KeyCertPair pair, Path cert, Path key) throws Exception {
        PemFiles.writeAtomically(cert, PemFiles.encodeCertificates(List.of(pair.certificate())), false);
        PemFiles.writeAtomically(key, PemFiles.encodePrivateKey(pair.key()), true);
    }

    /** A server-side TLS context presenting {@code pair}. */
    static SSLContext serverContext(KeyCertPair pair) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.key(), new char[0], new X509Certificate[] {pair.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
