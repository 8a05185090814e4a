package im.kith.bench.metrics;

/**
 * Intended send times for a fixed rate, independent of when messages actually go out: message {@code i} is
 * due at {@code start + floor(i * 1e9 / rate)} nanoseconds. Latency measured from these times includes
 * any time a message waited because the system under test (or the generator) fell behind, so it does not
 * suffer from coordinated omission.
 *
 * @param startNanos {@link System#nanoTime()} at which message 0 is due
 * @param ratePerSecond messages per second, positive
 */
public record OpenLoopSchedule(long startNanos, long ratePerSecond) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public OpenLoopSchedule {
        if (ratePerSecond < 1 || ratePerSecond > NANOS_PER_SECOND) {
            throw new IllegalArgumentException("rate out of range: " + ratePerSecond);
        }
    }

    /** When message {@code index} is due. */
    public long intendedNanos(long index) {
        return startNanos + Math.multiplyExact(index, NANOS_PER_SECOND) / ratePerSecond;
    }

    /** How many messages are due at {@code nowNanos}: those whose intended time is not after it. */
    public long dueBy(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        if (elapsed < 0) {
            return 0;
        }
        // intended(i) <= now  <=>  i * 1e9 / rate < elapsed + 1  <=>  i < (elapsed + 1) * rate / 1e9
        long bound = Math.multiplyExact(elapsed + 1, ratePerSecond);
        return (bound + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** Number of messages due in {@code [startNanos, startNanos + durationNanos)}. */
    public long countWithin(long durationNanos) {
        return dueBy(startNanos + durationNanos - 1);
    }
}
