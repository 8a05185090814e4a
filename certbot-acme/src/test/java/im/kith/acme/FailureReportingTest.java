package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.Pebble;

/** Each failure ends in a FAILING status with plain words and a scheduled retry, never an exception. */
@QuarkusTest
@WithTestResource(PebbleServer.class)
class FailureReportingTest {
    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");

    @Inject
    AcmeSettings settings;
    @Inject
    AcmeStatusView view;
    @Inject
    TestBeans events;
    @Inject
    AlpnChallengeCertificates alpn;
    @Inject
    Http01Challenges http01;
    @Inject
    Event<CertificateInstalled> installedEvent;
    @Inject
    Event<CertificateRenewalFailing> failingEvent;

    @TempDir
    Path dataDir;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(Pebble.installed(), Pebble.MISSING);
    }

    @Test
    void unreachableCaGivesFailingStatusAndRetriesWithGrowingDelay() throws Exception {
        AcmeSettings unreachable = settings.withDataDir(dataDir)
                .withActivation(new AcmeSettings.Activation.On(closedPortDirectory()));
        CertificateManager manager = manager(unreachable, Clock.fixed(NOW, ZoneOffset.UTC), http01);
        try {
            AcmeStatus first = manager.renewNow().toCompletableFuture().get(1, TimeUnit.MINUTES);
            AcmeStatus second = manager.renewNow().toCompletableFuture().get(1, TimeUnit.MINUTES);

            assertThat(first.state()).isEqualTo(AcmeState.FAILING);
            assertThat(first.lastError()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("the certificate authority at 127.0.0.1 cannot be reached"));
            assertThat(first.nextAttempt()).contains(NOW.plus(Duration.ofMinutes(1)));
            assertThat(second.nextAttempt()).contains(NOW.plus(Duration.ofMinutes(2)));
            assertThat(Files.exists(unreachable.fullchain())).isFalse();
        } finally {
            manager.stop();
        }
    }

    @Test
    void challengeAnsweredWithNotFoundIsExplainedPerName() throws Exception {
        // A responder that is not routed: Pebble reaches this test's HTTP port but gets 404.
        CertificateManager manager = manager(settings.withDataDir(dataDir), Clock.systemUTC(), new Http01Challenges());
        try {
            AcmeStatus status = manager.renewNow().toCompletableFuture().get(2, TimeUnit.MINUTES);

            assertThat(status.state()).isEqualTo(AcmeState.FAILING);
            assertThat(status.lastError()).hasValueSatisfying(message -> assertThat(message)
                    .containsPattern("the CA reached (groups\\.|share\\.)?kith\\.test but got a wrong answer")
                    .contains("does not point to this server, or another server answers on port 80"));
            assertThat(status.nextAttempt()).isPresent();
        } finally {
            manager.stop();
        }
    }

    @Test
    void validationPortNobodyListensOnIsExplainedAsUnreachablePort() throws Exception {
        try (Pebble lonely = Pebble.start(dataDir.resolve("pebble"), TestCertificates.freePort(),
                TestCertificates.freePort())) {
            AcmeSettings elsewhere = new AcmeSettings(new AcmeSettings.Activation.On(lonely.directory()),
                    Optional.of(lonely.caCertificate()), true, settings.names(), ChallengeType.HTTP_01, false,
                    Optional.empty(), dataDir.resolve("data"), Duration.ofMinutes(1), Duration.ofMinutes(1),
                    Duration.ofHours(6));
            CertificateManager manager = manager(elsewhere, Clock.systemUTC(), http01);
            try {
                AcmeStatus status = manager.renewNow().toCompletableFuture().get(2, TimeUnit.MINUTES);

                assertThat(status.state()).isEqualTo(AcmeState.FAILING);
                assertThat(status.lastError()).hasValueSatisfying(message -> assertThat(message)
                        .startsWith("port 80 is not reachable from the internet"));
            } finally {
                manager.stop();
            }
        }
    }

    @Test
    void withoutAgreementToTermsNoAccountIsCreatedAndNothingIsRetried() throws Exception {
        AcmeSettings noTos = new AcmeSettings(settings.activation(), settings.trustedCa(), false, settings.names(),
                ChallengeType.HTTP_01, false, Optional.empty(), dataDir, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofHours(6));
        CertificateManager manager = manager(noTos, Clock.systemUTC(), http01);
        try {
            AcmeStatus status = manager.renewNow().toCompletableFuture().get(1, TimeUnit.MINUTES);

            assertThat(status.state()).isEqualTo(AcmeState.FAILING);
            assertThat(status.lastError()).hasValueSatisfying(message -> assertThat(message)
                    .contains("terms of service").contains("KITH_ACME_TOS_AGREED=true"));
            assertThat(status.nextAttempt()).isEmpty();
            assertThat(status.account()).isEmpty();
        } finally {
            manager.stop();
        }
    }

    @Test
    void rateLimitIsHonouredUntilTheCasRetryAfter() throws Exception {
        Instant retryAfter = NOW.plus(Duration.ofHours(3));
        try (RateLimitingCa ca = RateLimitingCa.start(dataDir, retryAfter)) {
            AcmeSettings limited = new AcmeSettings(new AcmeSettings.Activation.On(ca.directory()),
                    Optional.of(ca.caCertificate()), true, settings.names(), ChallengeType.HTTP_01, false,
                    Optional.empty(), dataDir.resolve("data"), Duration.ofMinutes(1), Duration.ofMinutes(1),
                    Duration.ofHours(6));
            CertificateManager manager = manager(limited, Clock.fixed(NOW, ZoneOffset.UTC), http01);
            try {
                AcmeStatus status = manager.renewNow().toCompletableFuture().get(1, TimeUnit.MINUTES);

                assertThat(status.state()).isEqualTo(AcmeState.FAILING);
                assertThat(status.nextAttempt()).contains(retryAfter);
                assertThat(status.lastError()).hasValueSatisfying(message -> assertThat(message)
                        .startsWith("the CA rate-limited us").endsWith("next try at " + retryAfter));
            } finally {
                manager.stop();
            }
        }
    }

    @Test
    void renewalFailingWithinAWeekOfExpiryAlertsTheAdminsOncePerDay() throws Exception {
        Files.createDirectories(dataDir.resolve("certs"));
        awaitAppCertificate();
        Files.copy(settings.fullchain(), dataDir.resolve("certs/fullchain.pem"));
        Files.copy(settings.privateKey(), dataDir.resolve("certs/privkey.pem"));
        Instant notAfter = PemFiles.readCertificates(settings.fullchain()).getFirst().getNotAfter().toInstant();
        Instant threeDaysBefore = notAfter.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        AcmeSettings unreachable = settings.withDataDir(dataDir)
                .withActivation(new AcmeSettings.Activation.On(closedPortDirectory()));
        CertificateManager manager = manager(unreachable, Clock.fixed(threeDaysBefore, ZoneOffset.UTC), http01);
        int alertsBefore = events.failing.size();
        try {
            AcmeStatus status = manager.checkNow().toCompletableFuture().get(1, TimeUnit.MINUTES);
            manager.renewNow().toCompletableFuture().get(1, TimeUnit.MINUTES);

            assertThat(status.state()).isEqualTo(AcmeState.FAILING);
            assertThat(status.notAfter()).contains(notAfter);
            assertThat(events.failing).hasSize(alertsBefore + 1);
            CertificateRenewalFailing alert = events.failing.getLast();
            assertThat(alert.notAfter()).isEqualTo(notAfter);
            assertThat(alert.message())
                    .startsWith("The certificate authority at 127.0.0.1 cannot be reached").endsWith(".");
        } finally {
            manager.stop();
        }
    }

    private void awaitAppCertificate() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (view.status().state() != AcmeState.VALID && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(view.status().state()).isEqualTo(AcmeState.VALID);
    }

    private CertificateManager manager(AcmeSettings s, Clock clock, Http01Challenges responder) {
        return new CertificateManager(s, clock, new AcmeStatusView(), responder, alpn, installedEvent, failingEvent);
    }

    private static URI closedPortDirectory() throws Exception {
        return URI.create("https://127.0.0.1:" + TestCertificates.freePort() + "/dir");
    }
}
