package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import io.vertx.core.json.JsonObject;

import im.kith.testkit.Pebble;

/**
 * The packaged node as an administrator runs it, against a real ACME CA (Pebble): the certificate it
 * obtained and its ACME account survive restarts. Started again with nothing changed, it serves the
 * stored certificate at once without ordering a new one; started with one more name, it orders a new
 * certificate under the same account (no second account at the CA) and serves it for the new name. Each
 * certificate is also copied for the TURN server (KITH_TURN_CERT_DIR) and its reload command run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeRestartIT {
    private static final String DOMAIN = "kith-acme.test";
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private Pebble pebble;
    private KithNodeProcess node;
    private X509Certificate root;
    private Path turnCerts;

    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void startNodeUnderPebble() throws Exception {
        Assumptions.assumeTrue(Pebble.installed(), Pebble.MISSING);
        Path jar = Path.of(System.getProperty("kith.appliance.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application (built by mvn package)").isRegularFile();
        Path base = Path.of(System.getProperty("kith.it.dir", "target/kith-acme-it"));
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "run-");
        node = new KithNodeProcess(DOMAIN, dir.resolve("node"));
        // Pebble validates HTTP-01 on the node's HTTP port; its DNS resolves every name to 127.0.0.1.
        pebble = Pebble.start(dir.resolve("pebble"), node.httpPort, node.httpsPort);
        root = pebble.issuingRoot();
        node.environment("KITH_ACME_DIRECTORY", pebble.directory().toString());
        node.environment("KITH_ACME_CA", pebble.caCertificate().toString());
        node.environment("KITH_ACME_TOS_AGREED", "true");
        node.environment("KITH_ADMIN_EMAIL", "admin@" + DOMAIN);
        turnCerts = dir.resolve("turn-certs");
        node.environment("KITH_TURN_CERT_DIR", turnCerts.toString());
        node.environment("KITH_TURN_RELOAD_COMMAND", "touch " + dir.resolve("turn-reloaded"));
        node.start(jar, "", "");
        node.awaitReady();
    }

    @AfterAll
    void stopAll() {
        if (node != null) {
            node.stop();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS)
    void restartsKeepTheCertificateAndTheAcmeAccount() throws Exception {
        JsonObject first = awaitValid();
        String account = first.getString("account");
        assertThat(account).as("ACME account in %s", first).isNotBlank();
        assertThat(first.getString("names")).isEqualTo(DOMAIN + ", groups." + DOMAIN + ", share." + DOMAIN);
        X509Certificate issued = leaf(DOMAIN);
        assertThat(issued.getIssuerX500Principal().getName()).contains("Pebble Intermediate CA");
        assertThat(accountsCreatedAtCa()).isEqualTo(1);
        awaitTurnCopy(issued.getSerialNumber());

        // The keys stay private to the node's user (issue: 0600 under KITH_DATA_DIR).
        Path acme = node.dir.resolve("data").resolve("acme");
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(acme.resolve("account.pem"))).isEqualTo(ownerOnly);

        // Restart with nothing changed: the stored certificate is served from the start, no new order.
        int ordersBefore = ordersAtCa();
        node.terminate();
        node.restart();
        assertThat(leaf(DOMAIN).getSerialNumber()).isEqualTo(issued.getSerialNumber());
        JsonObject again = acmeStatus();
        assertThat(again.getString("state")).as("status after restart %s", again).isEqualTo("VALID");
        assertThat(ordersAtCa()).isEqualTo(ordersBefore);

        // Restart with one more name: a new certificate, ordered by the account found again.
        String extra = "chat." + DOMAIN;
        node.environment("KITH_ACME_NAMES", String.join(",", DOMAIN, "groups." + DOMAIN, "share." + DOMAIN, extra));
        node.terminate();
        node.restart();
        JsonObject renamed = awaitValid(s -> s.getString("names", "").contains(extra)
                && s.getString("account") != null);
        assertThat(renamed.getString("account")).isEqualTo(account);
        assertThat(accountsCreatedAtCa()).as("accounts Pebble created").isEqualTo(1);
        X509Certificate reissued = awaitLeafOtherThan(issued.getSerialNumber(), extra);
        assertThat(reissued.getIssuerX500Principal().getName()).contains("Pebble Intermediate CA");
        awaitTurnCopy(reissued.getSerialNumber());
    }

    private JsonObject acmeStatus() throws Exception {
        var r = node.admin("GET", "/status", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonObject("acme");
    }

    private JsonObject awaitValid() throws Exception {
        return awaitValid(s -> true);
    }

    private JsonObject awaitValid(java.util.function.Predicate<JsonObject> also) throws Exception {
        Instant deadline = Instant.now().plus(SETTLE);
        JsonObject s = acmeStatus();
        while (!("VALID".equals(s.getString("state")) && also.test(s))) {
            assertThat(Instant.now()).as("ACME status %s; Pebble log:%n%s", s, pebbleTail()).isBefore(deadline);
            assertThat(s.getString("state")).as("ACME status %s", s).isNotEqualTo("FAILING");
            Thread.sleep(250);
            s = acmeStatus();
        }
        return s;
    }

    private X509Certificate leaf(String name) throws Exception {
        return PebbleCa.verifiedLeaf(node.c2sTlsPort, "xmpp-client", name, root);
    }

    private X509Certificate awaitLeafOtherThan(BigInteger serial, String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        X509Certificate current = leaf(DOMAIN);
        while (current.getSerialNumber().equals(serial) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            current = leaf(DOMAIN);
        }
        assertThat(current.getSerialNumber()).as("a new certificate is served").isNotEqualTo(serial);
        return leaf(name); // verifies the new name too
    }

    /** The TURN server's copy of the certificate (KITH_TURN_CERT_DIR) becomes the one served, and the reload command ran. */
    private void awaitTurnCopy(BigInteger serial) throws Exception {
        Path chain = turnCerts.resolve("fullchain.pem");
        Path reloaded = turnCerts.resolveSibling("turn-reloaded");
        Instant deadline = Instant.now().plusSeconds(20);
        while (!(serialIn(chain).equals(serial) && Files.exists(reloaded))) {
            assertThat(Instant.now()).as("TURN copy of certificate %s", serial).isBefore(deadline);
            Thread.sleep(200);
        }
        Files.delete(reloaded);
        assertThat(Files.getPosixFilePermissions(turnCerts.resolve("privkey.pem")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_READ));
    }

    private static BigInteger serialIn(Path pem) throws Exception {
        if (!Files.exists(pem)) {
            return BigInteger.ZERO;
        }
        try (var in = Files.newInputStream(pem)) {
            return ((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in)).getSerialNumber();
        }
    }

    /** Accounts the CA created: Pebble logs the count each time it creates one. */
    private long accountsCreatedAtCa() throws Exception {
        return pebble.log().lines().filter(l -> l.contains("accounts in memory")).count();
    }

    /** Orders the CA received. */
    private int ordersAtCa() throws Exception {
        return (int) pebble.log().lines().filter(l -> l.contains("Added order ")).count();
    }

    private String pebbleTail() {
        try {
            var lines = pebble.log().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (Exception e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
