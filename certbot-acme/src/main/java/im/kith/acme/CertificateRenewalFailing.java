package im.kith.acme;

import java.time.Instant;

/**
 * CDI event fired, at most once a day, while renewal keeps failing and the installed certificate expires
 * within seven days: the admins must act before clients stop connecting.
 *
 * @param message  what goes wrong, in plain words
 * @param notAfter expiry of the installed certificate
 */
public record CertificateRenewalFailing(String message, Instant notAfter) {
}
