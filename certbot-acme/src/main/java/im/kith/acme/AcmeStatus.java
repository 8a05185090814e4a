package im.kith.acme;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of certificate management, for the admin portal and {@code kithctl}.
 *
 * @param state       where things stand
 * @param names       the names the certificate is (to be) issued for
 * @param notAfter    expiry of the installed CA certificate, if there is one
 * @param lastError   for {@link AcmeState#FAILING}, what went wrong in plain words; for
 *                    {@link AcmeState#DISABLED}, why ACME is off
 * @param nextAttempt when the manager looks again: the next renewal check, or the next retry
 * @param account     the ACME account URL, once known
 */
public record AcmeStatus(
        AcmeState state,
        List<String> names,
        Optional<Instant> notAfter,
        Optional<String> lastError,
        Optional<Instant> nextAttempt,
        Optional<URI> account) {

    public AcmeStatus {
        Objects.requireNonNull(state, "state");
        names = List.copyOf(names);
    }

    AcmeStatus with(AcmeState newState) {
        return new AcmeStatus(newState, names, notAfter, lastError, nextAttempt, account);
    }
}
