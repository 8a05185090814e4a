package im.kith.xmpp.ext.mam;

import java.time.Instant;

/** Where a message sits in archive order: by time received, ties broken by insertion order. */
public record Position(Instant at, long seq) implements Comparable<Position> {

    @Override
    public int compareTo(Position o) {
        int c = at.compareTo(o.at);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    static Position later(Position a, Position b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    static Position earlier(Position a, Position b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }
}
