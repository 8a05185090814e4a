package im.kith.portal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.scheduler.Scheduled;

import im.kith.portal.PortalConfig;
import im.kith.xmpp.account.AccountDisabled;
import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.account.PasswordChanged;

/**
 * Portal sessions, in memory only: a restart signs everybody out. A session ends after
 * {@code kith.portal.session-idle} without use, on logout, and when its account is deleted, disabled or
 * gets a new password. At most {@code kith.portal.max-sessions} are kept; a new one then pushes out the
 * session idle longest.
 */
@ApplicationScoped
public class PortalSessions {
    private static final int ID_BYTES = 32;

    private final ConcurrentHashMap<String, PortalSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private final int max;

    PortalSessions(PortalConfig config, Clock clock) {
        this.clock = clock;
        this.idle = config.sessionIdle();
        this.max = Math.max(1, config.maxSessions());
    }

    /** Starts a session for an account that has just proved its password. */
    public PortalSession open(String localpart) {
        Instant now = clock.instant();
        synchronized (this) {
            if (sessions.size() >= max) {
                purge();
            }
            while (sessions.size() >= max) {
                sessions.values().stream().min(Comparator.comparing(PortalSession::lastSeen))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
            PortalSession s = new PortalSession(randomToken(), localpart, randomToken(), now);
            sessions.put(s.id(), s);
            return s;
        }
    }

    /** The live session of a cookie value, marked as used now; empty if unknown or idle too long. */
    public Optional<PortalSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        PortalSession s = sessions.computeIfPresent(id, (k, old) -> expired(old, now) ? null : old.seenAt(now));
        return Optional.ofNullable(s);
    }

    /** Ends one session (logout). */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of an account. */
    public void closeAll(String localpart) {
        sessions.values().removeIf(s -> s.localpart().equals(localpart));
    }

    /** Whether a submitted form token is the session's, compared in constant time. */
    public static boolean csrfMatches(PortalSession session, String submitted) {
        return submitted != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }

    /** Number of live sessions. */
    public int size() {
        return sessions.size();
    }

    /** A random 256-bit value, base64url. */
    public String randomToken() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    void onRemoved(@Observes AccountRemoved event) {
        closeAll(event.localpart());
    }

    void onDisabled(@Observes AccountDisabled event) {
        closeAll(event.localpart());
    }

    void onPasswordChanged(@Observes PasswordChanged event) {
        closeAll(event.localpart());
    }

    private boolean expired(PortalSession s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idle));
    }
}
