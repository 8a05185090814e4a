package im.kith.bench.metrics;

/**
 * One observation of a process.
 *
 * @param atNanos {@link System#nanoTime()} when taken
 * @param cpuNanos user plus system CPU time consumed so far, all threads
 * @param rssKiB resident set size
 */
public record ProcessSample(long atNanos, long cpuNanos, long rssKiB) {

    /** CPU cores busy on average between an earlier sample and this one. */
    public double coresSince(ProcessSample earlier) {
        long wall = atNanos - earlier.atNanos;
        return wall <= 0 ? 0 : (double) (cpuNanos - earlier.cpuNanos) / wall;
    }
}
