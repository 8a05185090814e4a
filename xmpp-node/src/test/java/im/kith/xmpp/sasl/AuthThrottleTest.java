package im.kith.xmpp.sasl;

import static im.kith.xmpp.sasl.SaslFixtures.address;
import static im.kith.xmpp.sasl.SaslFixtures.config;
import static im.kith.xmpp.sasl.SaslFixtures.step;
import static im.kith.xmpp.sasl.SaslFixtures.tlsContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Failed-login throttling per address and per account, driven by a clock the test moves. */
class AuthThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final SaslFixtures f = new SaslFixtures("srv", config(6, 3, WINDOW, 1000));

    AuthThrottleTest() {
        f.addAccount("juliet", "secret", false);
    }

    @Test
    void anAccountIsThrottledAfterItsBurstOfFailures() {
        for (int i = 0; i < 3; i++) {
            assertThat(plain("192.0.2.1", "juliet", "wrong")).isEqualTo(notAuthorized());
        }

        SaslStep.Failure throttled = (SaslStep.Failure) plain("192.0.2.2", "juliet", "secret");

        assertThat(throttled.condition()).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
        assertThat(throttled.text()).isEqualTo("too many failed logins; try again in 100 s");
    }

    @Test
    void theBucketDrainsWithTime() {
        for (int i = 0; i < 3; i++) {
            plain("192.0.2.1", "juliet", "wrong");
        }
        f.clock.advance(WINDOW.dividedBy(3).minusSeconds(1));
        assertThat(plain("192.0.2.1", "juliet", "secret")).isInstanceOf(SaslStep.Failure.class);

        f.clock.advance(Duration.ofSeconds(1));

        assertThat(plain("192.0.2.1", "juliet", "secret")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void aSuccessForgetsTheAccountsFailures() {
        plain("192.0.2.1", "juliet", "wrong");
        plain("192.0.2.1", "juliet", "wrong");
        assertThat(plain("192.0.2.1", "juliet", "secret")).isInstanceOf(SaslStep.Success.class);

        plain("192.0.2.1", "juliet", "wrong");
        plain("192.0.2.1", "juliet", "wrong");

        assertThat(plain("192.0.2.1", "juliet", "secret")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void unknownNamesAreThrottledLikeAccounts() {
        for (int i = 0; i < 3; i++) {
            plain("192.0.2.1", "nobody", "guess" + i);
        }

        assertThat(((SaslStep.Failure) plain("192.0.2.9", "nobody", "guess")).condition())
                .isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }

    @Test
    void anAddressIsThrottledAcrossAccounts() {
        for (int i = 0; i < 6; i++) {
            plain("192.0.2.1", "user" + i, "guess");
        }

        assertThat(((SaslStep.Failure) plain("192.0.2.1", "juliet", "secret")).condition())
                .isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
        assertThat(plain("192.0.2.2", "juliet", "secret")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        for (int i = 0; i < 6; i++) {
            plain("2001:db8:1:2::" + (i + 1), "user" + i, "guess");
        }

        assertThat(((SaslStep.Failure) plain("2001:db8:1:2:ffff::1", "juliet", "secret")).condition())
                .isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
        assertThat(plain("2001:db8:1:3::1", "juliet", "secret")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void malformedAttemptsCountAgainstTheAddress() {
        for (int i = 0; i < 6; i++) {
            step(f.mechanism("PLAIN", tlsContext(ChannelBinding.NONE)).start(tlsContext(ChannelBinding.NONE)),
                    "no separators");
        }

        assertThat(((SaslStep.Failure) plain("192.0.2.1", "juliet", "secret")).condition())
                .isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }

    @Test
    void scramIsThrottledAtItsFirstMessage() {
        for (int i = 0; i < 3; i++) {
            plain("192.0.2.1", "juliet", "wrong");
        }
        SaslContext context = tlsContext(ChannelBinding.NONE, "192.0.2.7");

        SaslStep result = step(f.mechanism("SCRAM-SHA-256", context).start(context), "n,,n=juliet,r=abc");

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }

    @Test
    void theTablesStayWithinTheirBoundAndDrainedEntriesArePurged() {
        AuthThrottle throttle = new AuthThrottle(config(5, 5, WINDOW, 100), f.clock);
        for (int i = 0; i < 1000; i++) {
            throttle.failed(address("10.0." + (i / 250) + "." + (i % 250)), "name" + i);
        }
        assertThat(throttle.size()).isEqualTo(200);

        f.clock.advance(WINDOW);
        throttle.purge();

        assertThat(throttle.size()).isZero();
    }

    @Test
    void theMostRecentlySeenEntriesSurviveEviction() {
        AuthThrottle throttle = new AuthThrottle(config(5, 2, WINDOW, 10), f.clock);
        throttle.failed(null, "victim");
        throttle.failed(null, "victim");
        for (int i = 0; i < 10; i++) {
            throttle.failed(null, "other" + i);
        }
        assertThat(throttle.delay(null, "victim")).isEmpty(); // evicted: the least recently seen

        throttle.failed(null, "victim");
        throttle.failed(null, "victim");
        for (int i = 0; i < 8; i++) {
            throttle.failed(null, "more" + i);
        }
        assertThat(throttle.delay(null, "victim")).isPresent();
    }

    @Test
    void aZeroLimitTurnsThrottlingOff() {
        AuthThrottle throttle = new AuthThrottle(config(0, 0, WINDOW, 10), f.clock);
        for (int i = 0; i < 100; i++) {
            throttle.failed(address("192.0.2.1"), "juliet");
        }

        assertThat(throttle.delay(address("192.0.2.1"), "juliet")).isEmpty();
        assertThat(throttle.size()).isZero();
    }

    private SaslStep plain(String address, String user, String password) {
        SaslContext context = tlsContext(ChannelBinding.NONE, address);
        return step(f.mechanism("PLAIN", context).start(context), "\0" + user + "\0" + password);
    }

    private static SaslStep notAuthorized() {
        return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
    }
}
