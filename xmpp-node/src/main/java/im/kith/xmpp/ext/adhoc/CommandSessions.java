package im.kith.xmpp.ext.adhoc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.jid.Jid;

/**
 * Running command sessions (XEP-0050 §3.3: the sessionid), bound to the full JID that started them so
 * that nobody else can continue them. Idle sessions expire.
 */
@ApplicationScoped
class CommandSessions {
    static final Duration IDLE = Duration.ofMinutes(10);
    private static final int MAX_PER_REQUESTER = 10;

    private final ConcurrentHashMap<Key, Running> running = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    CommandSessions(Clock clock) {
        this.clock = clock;
    }

    private record Key(Jid requester, String sessionId) {
    }

    /** A session between two stages. */
    record Running(String node, Object state, boolean last, Instant expires) {
    }

    /** The outcome of looking a session up. */
    sealed interface Lookup {
        record Found(Running session) implements Lookup {
        }

        record Expired() implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Stores a session; fails when the requester has too many open. */
    boolean put(Jid requester, String sessionId, String node, Object state, boolean last) {
        Instant now = clock.instant();
        running.entrySet().removeIf(e -> e.getValue().expires().isBefore(now.minus(IDLE)));
        long open = running.keySet().stream().filter(k -> k.requester().equals(requester)).count();
        Key key = new Key(requester, sessionId);
        if (open >= MAX_PER_REQUESTER && !running.containsKey(key)) {
            return false;
        }
        running.put(key, new Running(node, state, last, now.plus(IDLE)));
        return true;
    }

    Lookup take(Jid requester, String sessionId) {
        Running r = running.remove(new Key(requester, sessionId));
        if (r == null) {
            return new Lookup.Unknown();
        }
        return r.expires().isBefore(clock.instant()) ? new Lookup.Expired() : new Lookup.Found(r);
    }
}
