package im.kith.bench.metrics;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in nanoseconds, reported in milliseconds. */
public record LatencySummary(long count, double p50Millis, double p90Millis, double p99Millis, double p999Millis,
        double maxMillis) {

    /** A histogram covering 1 µs to 60 s with three significant digits, values in nanoseconds. */
    public static Histogram newHistogram() {
        return new Histogram(1_000L, 60_000_000_000L, 3);
    }

    public static LatencySummary of(Histogram nanos) {
        return new LatencySummary(nanos.getTotalCount(), millis(nanos, 50), millis(nanos, 90), millis(nanos, 99),
                millis(nanos, 99.9), nanos.getTotalCount() == 0 ? 0 : nanos.getMaxValue() / 1e6);
    }

    private static double millis(Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0 ? 0 : nanos.getValueAtPercentile(percentile) / 1e6;
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms", count, p50Millis,
                p90Millis, p99Millis, p999Millis, maxMillis);
    }
}
