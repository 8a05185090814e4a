package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Clock clock = Clock.fixed(Instant.parse("2030-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6));

    @Test
    void delayStartsAtOneMinuteAndDoublesWithEachFailure() {
        Instant now = clock.instant();

        assertThat(backoff.next(now, 1, Optional.empty())).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(backoff.next(now, 2, Optional.empty())).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(backoff.next(now, 3, Optional.empty())).isEqualTo(now.plus(Duration.ofMinutes(4)));
        assertThat(backoff.next(now, 9, Optional.empty())).isEqualTo(now.plus(Duration.ofMinutes(256)));
    }

    @Test
    void delayIsCappedAtSixHoursHoweverLongFailuresLast() {
        Instant now = clock.instant();

        assertThat(backoff.next(now, 10, Optional.empty())).isEqualTo(now.plus(Duration.ofHours(6)));
        assertThat(backoff.next(now, 10_000, Optional.empty())).isEqualTo(now.plus(Duration.ofHours(6)));
    }

    @Test
    void retryAfterLaterThanOurDelayIsHonouredEvenBeyondTheCap() {
        Instant now = clock.instant();
        Instant caSays = now.plus(Duration.ofDays(3));

        assertThat(backoff.next(now, 1, Optional.of(caSays))).isEqualTo(caSays);
    }

    @Test
    void retryAfterEarlierThanOurDelayDoesNotShortenIt() {
        Instant now = clock.instant();

        assertThat(backoff.next(now, 4, Optional.of(now.plusSeconds(5)))).isEqualTo(now.plus(Duration.ofMinutes(8)));
    }
}
