package im.kith.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * A CA's suggested renewal window for a certificate (RFC 9773 §4.2, {@code suggestedWindow}).
 *
 * @param start        start of the window
 * @param end          end of the window
 * @param recheckAfter when the CA wants to be asked again (the Retry-After of the renewalInfo response)
 */
record RenewalWindow(Instant start, Instant end, Optional<Instant> recheckAfter) {
    RenewalWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts");
        }
    }
}
