package im.kith.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to renew: once two thirds of the certificate's lifetime have passed, or earlier at a time the CA
 * suggests through ARI (RFC 9773).
 */
final class RenewalPolicy {
    private final RandomGenerator random;

    RenewalPolicy(RandomGenerator random) {
        this.random = random;
    }

    /** The point after which a certificate valid from {@code notBefore} to {@code notAfter} is renewed. */
    static Instant twoThirds(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
    }

    /**
     * RFC 9773 §4.2: the client selects a uniformly random time within the suggested window, spreading
     * renewals of many clients over it; a time already in the past means "renew now".
     */
    Instant pick(RenewalWindow window) {
        long span = Duration.between(window.start(), window.end()).toMillis();
        return span <= 0 ? window.start() : window.start().plusMillis(random.nextLong(span + 1));
    }

    /** The renewal time: the earlier of the two-thirds point and the time picked in the CA's window. */
    static Instant renewAt(Instant notBefore, Instant notAfter, Optional<Instant> ariPick) {
        Instant own = twoThirds(notBefore, notAfter);
        return ariPick.filter(p -> p.isBefore(own)).orElse(own);
    }
}
