package im.kith.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;

/**
 * Slowloris-style clients: connections that never finish logging in are closed when the authentication
 * time runs out (RFC 6120 §4.9.3.4 connection-timeout), and one address cannot hold more than a few
 * unauthenticated connections at once. The limits are set low here.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestProfile(SlowClientTest.ShortPatience.class)
class SlowClientTest {
    private static final String DOMAIN = "localhost";

    /** Three seconds to log in, four unauthenticated connections per address. */
    public static final class ShortPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kith.c2s.auth-timeout", "PT3S", "kith.c2s.max-pending-per-ip", "4");
        }
    }

    @Inject
    C2sListeners listeners;

    @Test
    void aClientThatDripsItsHeaderByteByByteIsClosedWhenTheLoginTimeRunsOut() throws Exception {
        byte[] header = RawXmppSocket.header(DOMAIN).getBytes(StandardCharsets.UTF_8);
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            long start = System.nanoTime();
            Thread drip = Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : header) {
                        s.send(new byte[] {b});
                        Thread.sleep(250);
                    }
                } catch (Exception e) {
                    // the server closed the connection: expected
                }
            });
            assertThat(s.awaitClose(Duration.ofSeconds(15))).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            drip.interrupt();
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2500)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aClientThatStopsAfterTheHeaderGetsConnectionTimeout() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(RawXmppSocket.header(DOMAIN)).readUntil("</stream:features>", Duration.ofSeconds(5));
            assertThat(s.readUntil("</stream:error>", Duration.ofSeconds(15))).contains("<connection-timeout");
            assertThat(s.awaitClose(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void connectionsBeyondThePendingLimitOfAnAddressAreRefusedUntilOthersEnd() throws Exception {
        List<RawXmppSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawXmppSocket s = RawXmppSocket.connect(listeners.port());
                s.send(RawXmppSocket.header(DOMAIN));
                assertThat(s.readUntil("</stream:features>", Duration.ofSeconds(5))).contains("<starttls");
                held.add(s);
            }
            try (RawXmppSocket fifth = RawXmppSocket.connect(listeners.port())) {
                fifth.send(RawXmppSocket.header(DOMAIN));
                assertThat(fifth.awaitClose(Duration.ofSeconds(5))).isTrue();
                assertThat(fifth.text()).doesNotContain("<stream:features>");
            }
        } finally {
            for (RawXmppSocket s : held) {
                s.close();
            }
        }
        // Once they are gone, the address may connect again.
        Thread.sleep(300);
        try (RawXmppSocket again = RawXmppSocket.connect(listeners.port())) {
            again.send(RawXmppSocket.header(DOMAIN));
            assertThat(again.readUntil("</stream:features>", Duration.ofSeconds(5))).contains("<starttls");
        }
    }
}
