package im.kith.xmpp.ext.muc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.jid.Jid;

/**
 * Which rooms each local full JID has joined, so that a closed session leaves its rooms even when no
 * unavailable presence reaches them. Written by room tasks, read by session listeners: concurrent.
 */
@ApplicationScoped
public class JoinedIndex {
    private final ConcurrentHashMap<Jid, Set<String>> rooms = new ConcurrentHashMap<>();

    void joined(Jid occupant, String room) {
        rooms.computeIfAbsent(occupant, k -> ConcurrentHashMap.newKeySet()).add(room);
    }

    void left(Jid occupant, String room) {
        rooms.computeIfPresent(occupant, (k, set) -> {
            set.remove(room);
            return set.isEmpty() ? null : set;
        });
    }

    /** Forgets a full JID and returns the rooms it was in. */
    Set<String> drain(Jid occupant) {
        Set<String> s = rooms.remove(occupant);
        return s == null ? Set.of() : s;
    }
}
