package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.Pebble;

/** TLS-ALPN-01 end to end: Pebble validates the names by a TLS handshake with {@code acme-tls/1}. */
@QuarkusTest
@WithTestResource(PebbleServer.class)
class TlsAlpnChallengeTest {
    @Inject
    Http01Challenges http01;
    @Inject
    Event<CertificateInstalled> installedEvent;
    @Inject
    Event<CertificateRenewalFailing> failingEvent;

    @TempDir
    Path dir;

    @Test
    void certificateIsObtainedByAnsweringTheChallengeOnTheTlsPort() throws Exception {
        Assumptions.assumeTrue(Pebble.installed(), Pebble.MISSING);
        int tlsPort = TestCertificates.freePort();
        AlpnChallengeCertificates alpn = new AlpnChallengeCertificates(Clock.systemUTC());
        try (Pebble pebble = Pebble.start(dir.resolve("pebble"), TestCertificates.freePort(), tlsPort);
                AlpnChallengeServer server = AlpnChallengeServer.start(tlsPort, alpn)) {
            AcmeSettings settings = new AcmeSettings(new AcmeSettings.Activation.On(pebble.directory()),
                    Optional.of(pebble.caCertificate()), true, List.of("alpn.kith.test", "share.alpn.kith.test"),
                    ChallengeType.TLS_ALPN_01, false, Optional.empty(), dir.resolve("data"), Duration.ofMinutes(1),
                    Duration.ofMinutes(1), Duration.ofHours(6));
            CertificateManager manager = new CertificateManager(settings, Clock.systemUTC(), new AcmeStatusView(),
                    http01, alpn, installedEvent, failingEvent);
            try {
                AcmeStatus status = manager.renewNow().toCompletableFuture().get(2, TimeUnit.MINUTES);

                assertThat(status.state()).as("status %s", status).isEqualTo(AcmeState.VALID);
                X509Certificate leaf = PemFiles.readCertificates(settings.fullchain()).getFirst();
                assertThat(new InstalledCertificate(List.of(leaf), Optional.empty()).dnsNames())
                        .containsExactlyInAnyOrder("alpn.kith.test", "share.alpn.kith.test");
                assertThat(alpn.forName("alpn.kith.test")).as("withdrawn after validation").isEmpty();
            } finally {
                manager.stop();
            }
        }
    }
}
