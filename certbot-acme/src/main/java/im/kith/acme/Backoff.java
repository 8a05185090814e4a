package im.kith.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Retry delays after failed attempts: {@code min}, doubling with each consecutive failure up to
 * {@code max}, but never before the time the CA named in a Retry-After header (RFC 8555 §6.6).
 */
record Backoff(Duration min, Duration max) {

    Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
    }

    /** The next attempt after the {@code failures}-th consecutive failure (1 for the first) at {@code now}. */
    Instant next(Instant now, int failures, Optional<Instant> retryAfter) {
        Duration delay = min;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(max) > 0) {
            delay = max;
        }
        Instant ours = now.plus(delay);
        return retryAfter.filter(ours::isBefore).orElse(ours);
    }
}
