package im.kith.invite.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import im.kith.invite.InviteConfig;

/** The failure and open-registration limits count per client address. */
class RedemptionThrottleTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static RedemptionThrottle throttle(Clock clock) {
        InviteConfig.Invites invites = new InviteConfig.Invites() {
            public Optional<String> baseUrl() { return Optional.empty(); }
            public Optional<String> siteName() { return Optional.empty(); }
            public Duration defaultExpiry() { return Duration.ofDays(7); }
            public Duration resetExpiry() { return Duration.ofDays(1); }
            public int maxFailures() { return 3; }
            public Duration failureWindow() { return Duration.ofMinutes(15); }
            public int openPerHour() { return 2; }
            public boolean firstAdmin() { return false; }
        };
        InviteConfig config = new InviteConfig() {
            public RegistrationMode registration() { return RegistrationMode.INVITE; }
            public boolean userInvites() { return true; }
            public Invites invites() { return invites; }
        };
        return new RedemptionThrottle(clock, config);
    }

    @Test
    void failuresOfOneAddressDoNotThrottleAnother() {
        RedemptionThrottle t = throttle(Clock.fixed(START, ZoneOffset.UTC));
        for (int i = 0; i < 3; i++) {
            assertThat(t.mayTry("192.0.2.1")).isTrue();
            t.failed("192.0.2.1");
        }
        assertThat(t.mayTry("192.0.2.1")).isFalse();
        assertThat(t.mayTry("192.0.2.2")).isTrue();
        assertThat(t.mayTry("2001:db8:0:0:0:0:0:1")).isTrue();
    }

    @Test
    void anAddressMayTryAgainAfterTheWindow() {
        Instant[] now = {START};
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now[0]; }
        };
        RedemptionThrottle t = throttle(clock);
        for (int i = 0; i < 3; i++) {
            t.failed("192.0.2.1");
        }
        assertThat(t.mayTry("192.0.2.1")).isFalse();
        now[0] = START.plus(Duration.ofMinutes(15));
        assertThat(t.mayTry("192.0.2.1")).isTrue();
    }

    @Test
    void openRegistrationsAreCountedPerAddress() {
        RedemptionThrottle t = throttle(Clock.fixed(START, ZoneOffset.UTC));
        t.registeredOpenly("192.0.2.1");
        t.registeredOpenly("192.0.2.1");
        assertThat(t.mayRegisterOpenly("192.0.2.1")).isFalse();
        assertThat(t.mayRegisterOpenly("192.0.2.2")).isTrue();
    }
}
