package im.kith.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import im.kith.testkit.Pebble;

/**
 * Test resource: a Pebble CA whose HTTP-01 validation connects to this test's Quarkus HTTP port, and
 * the {@code kith.*} settings pointing the certificate manager at it for the names {@code kith.test},
 * {@code groups.kith.test} and {@code share.kith.test}. Without Pebble installed the manager points at
 * a closed port and the tests that need a CA skip themselves.
 */
public class PebbleServer implements QuarkusTestResourceLifecycleManager {
    static final String DOMAIN = "kith.test";

    private Path workDir;
    private Pebble pebble;

    @Override
    public Map<String, String> start() {
        try {
            workDir = Files.createTempDirectory("kith-acme-test");
            int httpPort = TestCertificates.freePort();
            Map<String, String> config = new HashMap<>();
            config.put("kith.domain", DOMAIN);
            config.put("kith.data-dir", workDir.resolve("data").toString());
            config.put("kith.admin-email", "admin@" + DOMAIN);
            config.put("quarkus.http.host", "127.0.0.1");
            config.put("quarkus.http.test-port", Integer.toString(httpPort));
            if (!Pebble.installed()) {
                // ACME stays on (so the challenge route exists) but points at a port nobody listens on.
                config.put("kith.acme.directory", "https://127.0.0.1:" + TestCertificates.freePort() + "/dir");
                return config;
            }
            pebble = Pebble.start(workDir.resolve("pebble"), httpPort, TestCertificates.freePort());
            config.put("kith.acme.directory", pebble.directory().toString());
            config.put("kith.acme.ca", pebble.caCertificate().toString());
            config.put("kith.acme.tos-agreed", "true");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Pebble: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (pebble != null) {
            pebble.close();
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // temp files; best effort
            }
        }
    }
}
