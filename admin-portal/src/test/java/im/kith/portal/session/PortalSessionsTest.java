package im.kith.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import im.kith.portal.PortalConfig;
import im.kith.xmpp.account.PasswordChanged;

/** Session ids, idle expiry and the bound of the in-memory session table. */
class PortalSessionsTest {
    private final MovableClock clock = new MovableClock();

    private PortalSessions sessions(int max) {
        return new PortalSessions(new PortalConfig() {
            @Override
            public Duration sessionIdle() {
                return Duration.ofMinutes(30);
            }

            @Override
            public int maxSessions() {
                return max;
            }
        }, clock);
    }

    @Test
    void sessionIdsAreRandom256BitValuesAndTokensDifferFromThem() {
        PortalSessions s = sessions(10);
        PortalSession a = s.open("alice");
        PortalSession b = s.open("alice");
        assertThat(a.id()).hasSize(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrf());
        assertThat(PortalSessions.csrfMatches(a, a.csrf())).isTrue();
        assertThat(PortalSessions.csrfMatches(a, b.csrf())).isFalse();
        assertThat(PortalSessions.csrfMatches(a, null)).isFalse();
    }

    @Test
    void sessionEndsAfterThirtyIdleMinutesButUseKeepsItAlive() {
        PortalSessions s = sessions(10);
        PortalSession a = s.open("alice");
        clock.advance(Duration.ofMinutes(29));
        assertThat(s.find(a.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(s.find(a.id())).isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(s.find(a.id())).isEmpty();
        assertThat(s.size()).isZero();
    }

    @Test
    void fullTableEndsTheSessionIdleLongest() {
        PortalSessions s = sessions(2);
        PortalSession first = s.open("a");
        clock.advance(Duration.ofSeconds(1));
        PortalSession second = s.open("b");
        clock.advance(Duration.ofSeconds(1));
        s.find(first.id());
        PortalSession third = s.open("c");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.find(second.id())).isEmpty();
        assertThat(s.find(first.id())).isPresent();
        assertThat(s.find(third.id())).isPresent();
    }

    @Test
    void newPasswordEndsEverySessionOfTheAccount() {
        PortalSessions s = sessions(10);
        PortalSession a = s.open("alice");
        PortalSession b = s.open("bob");
        s.onPasswordChanged(new PasswordChanged("alice"));
        assertThat(s.find(a.id())).isEmpty();
        assertThat(s.find(b.id())).isPresent();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
