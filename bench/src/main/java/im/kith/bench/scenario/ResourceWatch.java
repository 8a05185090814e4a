package im.kith.bench.scenario;

import im.kith.bench.metrics.ProcessProbe;
import im.kith.bench.metrics.ProcessSample;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Samples the server process over a measured window: CPU used between the first and last sample, and
 * the peak resident set size seen every 250 ms in between (nothing when the server is unknown). Also
 * reports the load generator's own CPU use over the window. Call on the event loop.
 */
final class ResourceWatch {
    private static final long PERIOD_MILLIS = 250;

    private final Vertx vertx;
    private final ProcessProbe probe;
    private final ProcessProbe generator;
    private ProcessSample generatorFirst;
    private ProcessSample generatorLast;
    private ProcessSample first;
    private ProcessSample last;
    private long peakRssKiB;
    private long timer = -1;

    ResourceWatch(ScenarioContext context) {
        this.vertx = context.vertx();
        this.probe = context.probe();
        this.generator = context.generator();
    }

    void begin() {
        generatorFirst = generator.sample();
        if (probe != null) {
            first = probe.sample();
            peakRssKiB = first.rssKiB();
            timer = vertx.setPeriodic(PERIOD_MILLIS, t -> peakRssKiB = Math.max(peakRssKiB, probe.sample().rssKiB()));
        }
    }

    void end() {
        if (generatorLast == null) {
            generatorLast = generator.sample();
        }
        if (probe != null && first != null && last == null) {
            vertx.cancelTimer(timer);
            last = probe.sample();
            peakRssKiB = Math.max(peakRssKiB, last.rssKiB());
        }
    }

    void addTo(List<Metric> metrics) {
        if (generatorFirst != null && generatorLast != null) {
            metrics.add(new Metric("generator_cpu_cores", generatorLast.coresSince(generatorFirst), "cores"));
        }
        if (first != null && last != null) {
            metrics.add(new Metric("server_cpu_cores", last.coresSince(first), "cores"));
            metrics.add(new Metric("server_peak_rss_mb", peakRssKiB / 1024.0, "MiB"));
        }
    }
}
