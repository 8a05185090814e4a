package im.kith.appliance;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import im.kith.acme.AcmeState;
import im.kith.acme.AcmeStatus;
import im.kith.acme.AcmeStatusView;

import im.kith.testkit.Pebble;

/**
 * Test resource: Debian's Pebble as the appliance's ACME CA for {@code kith.test} and its {@code groups.}
 * and {@code share.} hosts. Pebble resolves every name to 127.0.0.1 and validates HTTP-01 on the port the
 * appliance's HTTP listener gets here, TLS-ALPN-01 on the port its HTTPS listener gets. The init argument
 * {@value #CHALLENGE} sets {@code KITH_ACME_CHALLENGE} (default {@code http-01}); with {@code tls-alpn-01}
 * Pebble's HTTP-01 port is one nobody listens on. Without Pebble the
 * appliance starts with ACME off and the tests using this resource skip themselves.
 */
public class PebbleCa implements QuarkusTestResourceLifecycleManager {
    static final String DOMAIN = "kith.test";
    /** Name of the init argument choosing the challenge type. */
    static final String CHALLENGE = "challenge";

    private static volatile Pebble running;
    private Path workDir;
    private String challenge = "http-01";

    /** The running CA, or null when Pebble is not installed. */
    static Pebble pebble() {
        return running;
    }

    /** The root the running CA issues under. */
    static X509Certificate root() throws Exception {
        return running.issuingRoot();
    }

    /** Waits until the certificate manager is valid or reports an error, at most {@code limit}. */
    static AcmeStatus awaitSettled(AcmeStatusView acme, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        AcmeStatus status = acme.status();
        while (Instant.now().isBefore(deadline)
                && status.state() != AcmeState.VALID && status.lastError().isEmpty()) {
            Thread.sleep(200);
            status = acme.status();
        }
        return status;
    }

    /**
     * The leaf a TLS client sees on {@code port} of 127.0.0.1 when it handshakes like an XMPP or web
     * client would: SNI and host name check for the domain, only the running CA's root trusted, the ALPN
     * protocol {@code alpn} offered.
     */
    static X509Certificate verifiedLeaf(int port, String alpn) throws Exception {
        return verifiedLeaf(port, alpn, DOMAIN, root());
    }

    /** The leaf shown on {@code port} to a client that asks for {@code domain} and trusts only {@code root}. */
    static X509Certificate verifiedLeaf(int port, String alpn, String domain, X509Certificate root) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("pebble-root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(domain)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 DNS-ID check
            parameters.setApplicationProtocols(new String[] {alpn});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Override
    public void init(Map<String, String> initArgs) {
        challenge = initArgs.getOrDefault(CHALLENGE, challenge);
    }

    @Override
    public Map<String, String> start() {
        try {
            workDir = Files.createTempDirectory("kith-appliance-acme");
            Map<String, String> config = new HashMap<>();
            config.put("kith.domain", DOMAIN);
            config.put("kith.data-dir", workDir.resolve("data").toString());
            config.put("kith.admin-email", "admin@" + DOMAIN);
            if (!Pebble.installed()) {
                config.put("kith.acme.directory", "off");
                return config;
            }
            int httpPort = Pebble.freePort();
            int httpsPort = Pebble.freePort();
            config.put("quarkus.http.host", "127.0.0.1");
            config.put("quarkus.http.test-port", Integer.toString(httpPort));
            config.put("quarkus.http.test-ssl-port", Integer.toString(httpsPort));
            config.put("kith.acme.challenge", challenge);
            // With tls-alpn-01, HTTP-01 validation goes to a port nobody listens on: only the HTTPS
            // listener can prove the names.
            int validatedHttpPort = challenge.equals("tls-alpn-01") ? Pebble.freePort() : httpPort;
            running = Pebble.start(workDir.resolve("pebble"), validatedHttpPort, httpsPort);
            config.put("kith.acme.directory", running.directory().toString());
            config.put("kith.acme.ca", running.caCertificate().toString());
            config.put("kith.acme.tos-agreed", "true");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Pebble: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // temporary files; best effort
            }
        }
    }
}
