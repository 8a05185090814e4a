package im.kith.xmpp.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the running node for operators ({@code kithctl status}, the portal).
 *
 * @param version             the Kith version
 * @param domain              the served XMPP domain
 * @param listeners           human-readable listener descriptions, e.g. {@code c2s starttls 0.0.0.0:5222}
 * @param sessions            authenticated client sessions right now
 * @param certificateNotAfter expiry of the certificate the listeners present, if one is loaded
 */
public record NodeStatus(String version, String domain, List<String> listeners, int sessions,
        Optional<Instant> certificateNotAfter) {
}
