package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Assumptions;

import im.kith.testkit.Pebble;

@QuarkusTest
@WithTestResource(PebbleServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateIssuanceTest {
    private static final List<String> NAMES = List.of("kith.test", "groups.kith.test", "share.kith.test");

    @Inject
    CertificateManager manager;
    @Inject
    AcmeStatusView view;
    @Inject
    AcmeSettings settings;
    @Inject
    TestBeans events;
    @Inject
    Http01Challenges http01;
    @Inject
    AlpnChallengeCertificates alpn;
    @Inject
    Event<CertificateInstalled> installedEvent;
    @Inject
    Event<CertificateRenewalFailing> failingEvent;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(Pebble.installed(), Pebble.MISSING);
    }

    @Test
    @Order(1)
    void obtainsCertificateForAllNamesInBackgroundAfterStartUp() throws Exception {
        AcmeStatus status = awaitSettled();

        assertThat(status.state()).as("status %s", status).isEqualTo(AcmeState.VALID);
        assertThat(status.names()).isEqualTo(NAMES);
        assertThat(status.lastError()).isEmpty();
        assertThat(status.account()).isPresent();
        List<X509Certificate> chain = PemFiles.readCertificates(settings.fullchain());
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
        X509Certificate leaf = chain.getFirst();
        assertThat(new InstalledCertificate(chain, java.util.Optional.empty()).dnsNames())
                .containsExactlyInAnyOrderElementsOf(NAMES);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(chain.get(1).getSubjectX500Principal());
        assertThat(chain.get(1).getSubjectX500Principal().getName()).contains("Pebble Intermediate CA");
        leaf.verify(chain.get(1).getPublicKey());
        assertThat(status.notAfter()).contains(leaf.getNotAfter().toInstant());

        assertThat(Files.readString(settings.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.privateKey())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.accountKey())))
                .isEqualTo("rw-------");
        assertThat(new CertificateStore(settings).current().flatMap(InstalledCertificate::keyPair)).isPresent();

        assertThat(events.installed).isNotEmpty();
        CertificateInstalled event = events.installed.getLast();
        assertThat(event.fullchain()).isEqualTo(settings.fullchain());
        assertThat(event.privateKey()).isEqualTo(settings.privateKey());
        assertThat(event.names()).isEqualTo(NAMES);
        assertThat(event.notAfter()).isEqualTo(leaf.getNotAfter().toInstant());
    }

    @Test
    @Order(2)
    void forcedRenewalReplacesCertificateAndKeepsKey() throws Exception {
        awaitSettled();
        X509Certificate before = PemFiles.readCertificates(settings.fullchain()).getFirst();
        byte[] keyBefore = Files.readAllBytes(settings.privateKey());
        int eventsBefore = events.installed.size();

        AcmeStatus status = manager.renewNow().toCompletableFuture().get(2, TimeUnit.MINUTES);

        assertThat(status.state()).as("status %s", status).isEqualTo(AcmeState.VALID);
        X509Certificate after = PemFiles.readCertificates(settings.fullchain()).getFirst();
        assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(after.getPublicKey()).isEqualTo(before.getPublicKey());
        assertThat(Files.readAllBytes(settings.privateKey())).isEqualTo(keyBefore);
        assertThat(events.installed).hasSize(eventsBefore + 1);
        assertThat(view.status()).isEqualTo(status);
    }

    @Test
    @Order(3)
    void restartedManagerFindsStoredAccountAgain() throws Exception {
        AcmeStatus first = awaitSettled();
        assertThat(first.account()).isPresent();

        CertificateManager restarted = new CertificateManager(settings, Clock.systemUTC(), new AcmeStatusView(),
                http01, alpn, installedEvent, failingEvent);
        try {
            AcmeStatus status = restarted.renewNow().toCompletableFuture().get(2, TimeUnit.MINUTES);

            assertThat(status.state()).as("status %s", status).isEqualTo(AcmeState.VALID);
            assertThat(status.account()).isEqualTo(first.account());
        } finally {
            restarted.stop();
        }
    }

    @Test
    @Order(4)
    void validCertificateIsNotRenewedBeforeTwoThirdsOfItsLifetime() throws Exception {
        awaitSettled();
        X509Certificate before = PemFiles.readCertificates(settings.fullchain()).getFirst();

        AcmeStatus status = manager.checkNow().toCompletableFuture().get(1, TimeUnit.MINUTES);

        assertThat(PemFiles.readCertificates(settings.fullchain()).getFirst()).isEqualTo(before);
        assertThat(status.state()).isEqualTo(AcmeState.VALID);
        assertThat(status.nextAttempt()).hasValueSatisfying(next ->
                assertThat(next).isBefore(Instant.now().plus(CertificateManager.CHECK_INTERVAL).plusSeconds(5)));
    }

    @Test
    @Order(5)
    void certificateFromAnotherCaIsReplacedInsteadOfKeptUntilRenewal(@TempDir Path copy) throws Exception {
        awaitSettled();
        copyInto(copy, settings.fullchain(), settings.privateKey(), settings.accountKey().resolveSibling("issued-by"));
        AcmeSettings sameCa = settings.withDataDir(copy);
        AcmeSettings otherCa = sameCa.withActivation(new AcmeSettings.Activation.On(
                java.net.URI.create("https://127.0.0.1:" + TestCertificates.freePort() + "/dir")));

        AcmeStatus kept = check(sameCa);
        AcmeStatus replaced = check(otherCa);

        assertThat(kept.state()).isEqualTo(AcmeState.VALID);
        assertThat(replaced.state()).as("an order was attempted at the other CA").isEqualTo(AcmeState.FAILING);
        assertThat(replaced.notAfter()).isEmpty();
    }

    private AcmeStatus check(AcmeSettings s) throws Exception {
        CertificateManager m = new CertificateManager(s, Clock.systemUTC(), new AcmeStatusView(), http01, alpn,
                installedEvent, failingEvent);
        try {
            return m.checkNow().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } finally {
            m.stop();
        }
    }

    private static void copyInto(Path dataDir, Path fullchain, Path key, Path issuedBy) throws Exception {
        Files.createDirectories(dataDir.resolve("certs"));
        Files.createDirectories(dataDir.resolve("acme"));
        Files.copy(fullchain, dataDir.resolve("certs/fullchain.pem"));
        Files.copy(key, dataDir.resolve("certs/privkey.pem"));
        Files.copy(issuedBy, dataDir.resolve("acme/issued-by"));
    }

    private AcmeStatus awaitSettled() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        AcmeStatus status = view.status();
        while (Instant.now().isBefore(deadline)
                && (status.state() == AcmeState.OBTAINING || status.state() == AcmeState.RENEWING)) {
            Thread.sleep(200);
            status = view.status();
        }
        return status;
    }

}
