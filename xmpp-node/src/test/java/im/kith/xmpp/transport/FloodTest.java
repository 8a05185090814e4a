package im.kith.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.config.NodeConfig;

/**
 * A client that floods its connection is held to the configured inbound rate (RFC 6120 §13.12) while
 * other clients are served as usual.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloodTest {
    private static final String DOMAIN = "localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    NodeConfig config;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"flooder", "bystander"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    @Test
    void aFloodingClientIsSlowedToTheRateWhileOthersAreAnsweredAtOnce() throws Exception {
        long rate = config.c2s().rateBytes();
        long burst = config.c2s().burstBytes();
        int excess = (int) (rate * 3); // three seconds' worth beyond the burst
        byte[] flood = new byte[(int) burst + excess];
        Arrays.fill(flood, (byte) ' '); // whitespace between stanzas is legal, so only the rate stops it
        try (RawXmppSocket flooder = RawXmppSocket.login(listeners.port(), DOMAIN, "flooder", "flooder-pass-phrase", "f");
                RawXmppSocket bystander = RawXmppSocket.login(listeners.port(), DOMAIN, "bystander", "bystander-pass-phrase", "b")) {
            long start = System.nanoTime();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    flooder.send(flood);
                    flooder.send("<iq type='get' id='after-flood' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>"
                            .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            long probe = System.nanoTime();
            String pong = bystander.exchange("<iq type='get' id='bystander' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>",
                    "\"bystander\"");
            assertThat(pong).contains("id=\"bystander\"");
            assertThat(Duration.ofNanos(System.nanoTime() - probe)).isLessThan(Duration.ofSeconds(2));

            String answer = flooder.readUntil("after-flood", Duration.ofSeconds(60));
            long elapsed = System.nanoTime() - start;
            writer.join(Duration.ofSeconds(60));
            assertThat(answer).contains("id=\"after-flood\"");
            // The ping came behind the flood: it could not be read before the excess was paid for.
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(excess * 1000L / rate - 300));
            assertThat(flooder.closedByPeer()).isFalse();
        }
    }
}
