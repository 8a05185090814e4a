package im.kith.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * Why obtaining or renewing the certificate failed, in words an operator without ACME knowledge can act
 * on. The message never contains keys, tokens or key authorizations.
 */
final class IssuanceFailure extends Exception {
    /** How the manager goes on after the failure. */
    enum Retry {
        /** Back off exponentially and try again. */
        BACKOFF,
        /** The CA asked us to wait (rate limit): not before {@link #retryAfter()}, then back off. */
        RATE_LIMITED,
        /** Only a configuration change and restart can help: no automatic retry. */
        NEVER
    }

    private final Retry retry;
    private final transient Optional<Instant> retryAfter;

    IssuanceFailure(String message, Retry retry, Optional<Instant> retryAfter) {
        super(message, null, false, false);
        this.retry = retry;
        this.retryAfter = retryAfter;
    }

    IssuanceFailure(String message) {
        this(message, Retry.BACKOFF, Optional.empty());
    }

    Retry retry() {
        return retry;
    }

    /** The earliest time the CA accepts another attempt, if it said so (RFC 8555 §6.6, Retry-After). */
    Optional<Instant> retryAfter() {
        return retryAfter;
    }
}
