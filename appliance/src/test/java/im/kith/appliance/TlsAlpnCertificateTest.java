package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.acme.AcmeState;
import im.kith.acme.AcmeStatus;
import im.kith.acme.AcmeStatusView;
import im.kith.acme.AlpnChallengeCertificates;
import im.kith.testkit.Pebble;
import im.kith.testkit.PostgresDatabase;

/**
 * TLS-ALPN-01 end to end on the assembled appliance (RFC 8737): with {@code KITH_ACME_CHALLENGE=tls-alpn-01}
 * Pebble validates every name by an {@code acme-tls/1} handshake with the node's own HTTPS listener (its
 * HTTP-01 port leads nowhere), and that listener then serves the issued chain to ordinary HTTPS clients.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@WithTestResource(value = PebbleCa.class, initArgs = @ResourceArg(name = PebbleCa.CHALLENGE, value = "tls-alpn-01"))
class TlsAlpnCertificateTest {
    private static final Duration SETTLE = Duration.ofMinutes(2);

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    AcmeStatusView acme;

    @Inject
    AlpnChallengeCertificates challenges;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(Pebble.installed(), Pebble.MISSING);
    }

    @Test
    void certificateIsObtainedThroughTheHttpsListenerAndThenServedOnIt() throws Exception {
        AcmeStatus obtained = PebbleCa.awaitSettled(acme, SETTLE);

        assertThat(obtained.state()).as("ACME status %s; Pebble log:%n%s", obtained, PebbleCa.pebble().log())
                .isEqualTo(AcmeState.VALID);
        assertThat(obtained.names()).containsExactly("kith.test", "groups.kith.test", "share.kith.test");
        assertThat(challenges.forName("kith.test")).as("withdrawn after validation").isEmpty();
        X509Certificate served = awaitIssuedLeaf();
        assertThat(served.getIssuerX500Principal().getName()).contains("Pebble Intermediate CA");
    }

    /** The HTTPS listener switches to the issued certificate right after it is installed. */
    private X509Certificate awaitIssuedLeaf() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return PebbleCa.verifiedLeaf(https.getPort(), "http/1.1");
            } catch (javax.net.ssl.SSLHandshakeException stillSelfSigned) {
                if (System.nanoTime() > deadline) {
                    throw stillSelfSigned;
                }
                Thread.sleep(200);
            }
        }
    }
}
