package im.kith.xmpp.router;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;

/**
 * Bound client sessions by account. Each account maps to an immutable list of its sessions, replaced
 * atomically on bind and unbind, so routing reads it from any event loop without locks.
 */
@Singleton
public class SessionRegistry {
    private final ConcurrentHashMap<Jid, List<LocalSession>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** The outcome of binding a resource. */
    public sealed interface BindResult {
        /** Bound; {@code replaced} is the earlier session of the same full JID, to be closed, or null. */
        record Bound(LocalSession replaced) implements BindResult {
        }

        /** The account already has the maximum number of resources (RFC 6120 §7.6.2.1). */
        record TooManyResources() implements BindResult {
        }
    }

    /** Registers a session under its full JID; a session already bound to that full JID is replaced. */
    public BindResult bind(LocalSession session, int maxResources) {
        Jid full = session.jid();
        LocalSession[] replaced = new LocalSession[1];
        boolean[] refused = new boolean[1];
        byAccount.compute(full.bare(), (k, current) -> {
            List<LocalSession> next = new ArrayList<>(current == null ? 1 : current.size() + 1);
            if (current != null) {
                for (LocalSession s : current) {
                    if (s.jid().equals(full)) {
                        replaced[0] = s;
                    } else {
                        next.add(s);
                    }
                }
            }
            if (replaced[0] == null && next.size() >= maxResources) {
                refused[0] = true;
                return current;
            }
            next.add(session);
            return List.copyOf(next);
        });
        if (refused[0]) {
            return new BindResult.TooManyResources();
        }
        if (replaced[0] == null) {
            count.incrementAndGet();
        }
        return new BindResult.Bound(replaced[0]);
    }

    /** Removes a session if it is still the one bound to its full JID. */
    public boolean unbind(LocalSession session) {
        Jid full = session.jid();
        if (full == null) {
            return false;
        }
        boolean[] removed = new boolean[1];
        byAccount.computeIfPresent(full.bare(), (k, current) -> {
            List<LocalSession> next = new ArrayList<>(current.size());
            for (LocalSession s : current) {
                if (s == session) {
                    removed[0] = true;
                } else {
                    next.add(s);
                }
            }
            return next.isEmpty() ? null : List.copyOf(next);
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
        return removed[0];
    }

    /** The sessions of an account (empty when none). */
    public List<LocalSession> sessions(Jid bare) {
        List<LocalSession> l = byAccount.get(bare);
        return l == null ? List.of() : l;
    }

    /** The session bound to a full JID, or null. */
    public LocalSession session(Jid full) {
        for (LocalSession s : sessions(full.bare())) {
            if (s.jid().equals(full)) {
                return s;
            }
        }
        return null;
    }

    /** Number of bound sessions. */
    public int count() {
        return count.get();
    }

    /** Snapshot of all bound sessions (for administration, not for routing). */
    public List<LocalSession> all() {
        List<LocalSession> out = new ArrayList<>(count.get());
        byAccount.values().forEach(out::addAll);
        return out;
    }
}
