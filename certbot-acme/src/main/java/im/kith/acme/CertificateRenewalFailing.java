package im.kith.acme;

import java.time.Instant;

/**
 * CDI event fired, at most once a day, while renewal keeps failing and the installed certificate expires
 * within seven days: the admins must act before clients stop connecting.
 *
 * @param message  what goes wrong, in plain words, as one sentence (e.g. "Port 80 is not reachable from
 *                 the internet: …."); the expiry is in {@code notAfter}
 * @param notAfter expiry of the installed certificate
 */
public record CertificateRenewalFailing(String message, Instant notAfter) {
}
