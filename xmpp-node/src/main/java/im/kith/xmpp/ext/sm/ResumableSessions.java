package im.kith.xmpp.ext.sm;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sessions that may be resumed, by SM-ID. SM-IDs are 144 random bits, so they can be neither guessed
 * nor reused (XEP-0198 §5); a resumption claims its session so that two attempts cannot both win.
 */
@ApplicationScoped
public class ResumableSessions {
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, SmSession> byId = new ConcurrentHashMap<>();

    String newId() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    void register(SmSession session) {
        byId.put(session.id(), session);
    }

    /**
     * Takes the session with this SM-ID out of the table if it belongs to the account; null when there
     * is none (unknown, expired, another account's, or being resumed by someone else).
     */
    SmSession claim(String id, String localpart) {
        SmSession s = byId.get(id);
        if (s == null || !s.localpart().equals(localpart)) {
            return null;
        }
        return byId.remove(id, s) ? s : null;
    }

    void forget(SmSession session) {
        byId.remove(session.id(), session);
    }

    /** Number of resumable sessions. */
    public int size() {
        return byId.size();
    }
}
