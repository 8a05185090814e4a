package im.kith.bench.metrics;

/**
 * Delivery accounting over all sender→recipient pairs of one scenario.
 *
 * @param expected deliveries the senders asked for
 * @param delivered distinct messages that arrived
 * @param lost expected deliveries that never arrived
 * @param duplicated arrivals of a message already received
 * @param reordered first arrivals of a message after a later message of the same pair
 * @param stale messages of an earlier run or of no run of ours, ignored
 */
public record DeliveryCounts(long expected, long delivered, long lost, long duplicated, long reordered, long stale) {

    /** True when nothing was lost, duplicated or reordered. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && reordered == 0;
    }

    @Override
    public String toString() {
        return "expected=" + expected + " delivered=" + delivered + " lost=" + lost + " duplicated=" + duplicated
                + " reordered=" + reordered + " stale(ignored)=" + stale;
    }
}
