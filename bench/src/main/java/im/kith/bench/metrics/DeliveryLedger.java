package im.kith.bench.metrics;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Tracks every sender→recipient pair: how many messages were sent on it, which sequence numbers arrived,
 * and the highest one seen so far. A sender numbers its messages 0, 1, 2, ... per pair or per sender
 * (a broadcast uses one sequence for all its recipients). Not thread-safe.
 */
public final class DeliveryLedger {

    /** What one arrival was. */
    public enum Arrival { IN_ORDER, REORDERED, DUPLICATE }

    private static final class Pair {
        final BitSet seen = new BitSet();
        long expected;
        long distinct;
        long highest = -1;
        long duplicated;
        long reordered;
    }

    private final Map<Long, Pair> pairs = new HashMap<>();
    private long stale;

    /** Records that {@code sender} sent one more message that {@code recipient} should receive. */
    public void sent(int sender, int recipient) {
        pair(sender, recipient).expected++;
    }

    /** Records an arrival of message {@code seq} from {@code sender} at {@code recipient}. */
    public Arrival received(int sender, int recipient, long seq) {
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence number out of range: " + seq);
        }
        Pair pair = pair(sender, recipient);
        if (pair.seen.get((int) seq)) {
            pair.duplicated++;
            return Arrival.DUPLICATE;
        }
        pair.seen.set((int) seq);
        pair.distinct++;
        if (seq < pair.highest) {
            pair.reordered++;
            return Arrival.REORDERED;
        }
        pair.highest = seq;
        return Arrival.IN_ORDER;
    }

    /** Records a message that belongs to another run, or to none, and was ignored. */
    public void stale() {
        stale++;
    }

    /** Sum over all pairs; a pair's losses are the expected messages that never arrived. */
    public DeliveryCounts counts() {
        long expected = 0;
        long delivered = 0;
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        for (Pair pair : pairs.values()) {
            expected += pair.expected;
            delivered += pair.distinct;
            lost += Math.max(0, pair.expected - pair.distinct);
            duplicated += pair.duplicated;
            reordered += pair.reordered;
        }
        return new DeliveryCounts(expected, delivered, lost, duplicated, reordered, stale);
    }

    private Pair pair(int sender, int recipient) {
        return pairs.computeIfAbsent(((long) sender << 32) | (recipient & 0xffffffffL), k -> new Pair());
    }
}
