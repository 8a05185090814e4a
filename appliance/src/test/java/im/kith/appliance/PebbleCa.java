package im.kith.appliance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import im.kith.testkit.Pebble;

/**
 * Test resource: Debian's Pebble as the appliance's ACME CA for {@code kith.test} and its {@code groups.}
 * and {@code share.} hosts. Pebble resolves every name to 127.0.0.1 and validates HTTP-01 on the port the
 * appliance's HTTP listener gets here. Without Pebble the appliance starts with ACME off and the tests
 * using this resource skip themselves.
 */
public class PebbleCa implements QuarkusTestResourceLifecycleManager {
    static final String DOMAIN = "kith.test";

    private static volatile Pebble running;
    private Path workDir;

    /** The running CA, or null when Pebble is not installed. */
    static Pebble pebble() {
        return running;
    }

    /** The root the running CA issues under. */
    static X509Certificate root() throws Exception {
        return running.issuingRoot();
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
            config.put("quarkus.http.host", "127.0.0.1");
            config.put("quarkus.http.test-port", Integer.toString(httpPort));
            running = Pebble.start(workDir.resolve("pebble"), httpPort, Pebble.freePort());
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
