package im.kith.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/**
 * Storage that falls behind slows clients down by pausing their connections' reads (TCP back-pressure),
 * and reading goes back to full speed once it keeps up again.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakePressureTest {
    private static final String DOMAIN = "localhost";
    private static final long HELD_MILLIS = 800;

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    HeldIntake intake;

    @BeforeAll
    void createAccount() {
        if (accounts.find("patient").isEmpty()) {
            accounts.create("patient", "patient-pass-phrase", Role.USER);
        }
    }

    @AfterEach
    void release() {
        intake.hold(0);
    }

    private static Duration ping(RawXmppSocket socket, String id) throws Exception {
        long start = System.nanoTime();
        String answer = socket.exchange("<iq type='get' id='" + id + "' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>",
                "\"" + id + "\"");
        assertThat(answer).contains("type=\"result\"");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void whileStorageIsBehindEveryReadIsFollowedByAPauseAndOnceItKeepsUpReadsAreAnsweredAtOnce() throws Exception {
        try (RawXmppSocket client = RawXmppSocket.login(listeners.port(), DOMAIN, "patient", "patient-pass-phrase", "p")) {
            assertThat(ping(client, "before")).as("a ping while storage keeps up").isLessThan(Duration.ofMillis(400));

            intake.hold(HELD_MILLIS);
            ping(client, "first-held"); // read at once; the connection pauses after this read
            assertThat(ping(client, "second-held")).as("a ping sent during the pause")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(HELD_MILLIS / 2));

            intake.hold(0);
            Thread.sleep(HELD_MILLIS + 200); // the pause that followed the last read ends
            assertThat(ping(client, "after-1")).as("a ping once storage keeps up").isLessThan(Duration.ofMillis(400));
            assertThat(ping(client, "after-2")).as("the next one").isLessThan(Duration.ofMillis(400));
        }
    }
}
