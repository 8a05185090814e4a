package im.kith.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * A running Pebble test CA (Debian's {@code pebble} package) on 127.0.0.1 with free ports, resolving
 * every name to 127.0.0.1 through {@code pebble-challtestsrv}'s DNS server so that its HTTP-01 and
 * TLS-ALPN-01 validation really connects to the ports given here.
 */
final class Pebble implements AutoCloseable {
    static final Path PEBBLE = Path.of("/usr/bin/pebble");
    static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");
    /** Why the ACME integration tests are skipped when Pebble is missing. */
    static final String MISSING =
            "Pebble is not installed (apt-get install pebble): skipping tests against a real ACME CA";

    private final Path workDir;
    private final URI directory;
    private final Path caCertificate;
    private final List<Process> processes;

    private Pebble(Path workDir, URI directory, Path caCertificate, List<Process> processes) {
        this.workDir = workDir;
        this.directory = directory;
        this.caCertificate = caCertificate;
        this.processes = processes;
    }

    static boolean installed() {
        return Files.isExecutable(PEBBLE) && Files.isExecutable(CHALLTESTSRV);
    }

    /** Starts Pebble validating HTTP-01 on {@code httpPort} and TLS-ALPN-01 on {@code tlsPort}. */
    static Pebble start(Path workDir, int httpPort, int tlsPort) throws Exception {
        Files.createDirectories(workDir);
        KeyCertPair tls = TestCertificates.localhost();
        Path cert = workDir.resolve("pebble-cert.pem");
        Path key = workDir.resolve("pebble-key.pem");
        TestCertificates.write(tls, cert, key);
        int acmePort = TestCertificates.freePort();
        int dnsPort = TestCertificates.freePort();
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
                """.formatted(acmePort, TestCertificates.freePort(), cert, key, httpPort, tlsPort);
        Path configFile = workDir.resolve("pebble-config.json");
        Files.writeString(configFile, config);

        Process dns = new ProcessBuilder(CHALLTESTSRV.toString(),
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + TestCertificates.freePort(),
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("challtestsrv.log").toFile()).start();
        ProcessBuilder pebbleCommand = new ProcessBuilder(PEBBLE.toString(), "-config", configFile.toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort, "-strict=false")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("pebble.log").toFile());
        pebbleCommand.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pebbleCommand.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Process ca = pebbleCommand.start();
        Pebble pebble = new Pebble(workDir, URI.create("https://127.0.0.1:" + acmePort + "/dir"), cert,
                List.of(ca, dns));
        try {
            pebble.awaitDirectory(SSLContexts.trusting(cert));
        } catch (Exception e) {
            pebble.close();
            throw e;
        }
        return pebble;
    }

    URI directory() {
        return directory;
    }

    /** The PEM file to trust for Pebble's HTTPS endpoint (KITH_ACME_CA). */
    Path caCertificate() {
        return caCertificate;
    }

    /** Pebble's log so far, for failure messages. */
    String log() throws IOException {
        return Files.readString(workDir.resolve("pebble.log"), StandardCharsets.UTF_8);
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
