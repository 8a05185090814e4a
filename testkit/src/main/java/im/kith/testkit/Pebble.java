package im.kith.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A running Pebble test CA (Debian's {@code pebble} package) on 127.0.0.1 with free ports, resolving
 * every name to 127.0.0.1 through {@code pebble-challtestsrv}'s DNS server so that its HTTP-01 and
 * TLS-ALPN-01 validation really connects to the ports given here.
 */
public final class Pebble implements AutoCloseable {
    static final Path PEBBLE = Path.of("/usr/bin/pebble");
    static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");
    /** Why the ACME integration tests are skipped when Pebble is missing. */
    public static final String MISSING =
            "Pebble is not installed (apt-get install pebble): skipping tests against a real ACME CA";

    private final Path workDir;
    private final URI directory;
    private final URI management;
    private final Path caCertificate;
    private final List<Process> processes;

    private Pebble(Path workDir, URI directory, URI management, Path caCertificate, List<Process> processes) {
        this.workDir = workDir;
        this.directory = directory;
        this.management = management;
        this.caCertificate = caCertificate;
        this.processes = processes;
    }

    public static boolean installed() {
        return Files.isExecutable(PEBBLE) && Files.isExecutable(CHALLTESTSRV);
    }

    /** Starts Pebble validating HTTP-01 on {@code httpPort} and TLS-ALPN-01 on {@code tlsPort}. */
    public static Pebble start(Path workDir, int httpPort, int tlsPort) throws Exception {
        Files.createDirectories(workDir);
        Path cert = workDir.resolve("pebble-cert.pem");
        Path key = workDir.resolve("pebble-key.pem");
        writeLocalhostCertificate(cert, key);
        int acmePort = freePort();
        int managementPort = freePort();
        int dnsPort = freePort();
        String config = """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  "externalAccountBindingRequired": false
                }}
                """.formatted(acmePort, managementPort, cert, key, httpPort, tlsPort);
        Path configFile = workDir.resolve("pebble-config.json");
        Files.writeString(configFile, config);

        Process dns = new ProcessBuilder(CHALLTESTSRV.toString(),
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + freePort(),
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("challtestsrv.log").toFile()).start();
        ProcessBuilder pebbleCommand = new ProcessBuilder(PEBBLE.toString(), "-config", configFile.toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort, "-strict=false")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("pebble.log").toFile());
        pebbleCommand.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pebbleCommand.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Process ca = pebbleCommand.start();
        Pebble pebble = new Pebble(workDir, URI.create("https://127.0.0.1:" + acmePort + "/dir"),
                URI.create("https://127.0.0.1:" + managementPort), cert, List.of(ca, dns));
        try {
            pebble.awaitDirectory(trusting(cert));
        } catch (Exception e) {
            pebble.close();
            throw e;
        }
        return pebble;
    }

    /** The ACME directory URL (KITH_ACME_DIRECTORY). */
    public URI directory() {
        return directory;
    }

    /** The PEM file to trust for Pebble's HTTPS endpoint (KITH_ACME_CA). */
    public Path caCertificate() {
        return caCertificate;
    }

    /**
     * The root of the chains this Pebble issues, which it generates at start-up, from its management
     * interface: trust it to verify issued certificates as a client of the issued-to server would.
     */
    public X509Certificate issuingRoot() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(caCertificate)).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(management.resolve("/roots/0")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("Pebble's /roots/0 answered " + response.statusCode());
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Pebble's log so far, for failure messages. */
    public String log() throws IOException {
        return Files.readString(workDir.resolve("pebble.log"), StandardCharsets.UTF_8);
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Pebble's own HTTPS certificate: self-signed for localhost and 127.0.0.1, valid for a day, as PEM files. */
    private static void writeLocalhostCertificate(Path cert, Path key) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A client context trusting exactly the certificates in the PEM file. */
    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("c" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private void awaitDirectory(SSLContext trust) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("Pebble exited: " + log());
                }
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(directory).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Pebble did not serve " + directory + " in time: " + log());
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
