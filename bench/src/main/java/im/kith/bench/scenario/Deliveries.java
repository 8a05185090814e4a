package im.kith.bench.scenario;

import im.kith.bench.metrics.DeliveryLedger;
import im.kith.bench.metrics.LatencySummary;
import im.kith.bench.xml.Element;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The receiving side shared by the traffic scenarios: recognises this run's messages, feeds the ledger,
 * counts deliveries inside the measured window and records latency of messages stamped inside it.
 * Call on the event loop.
 */
final class Deliveries {
    private static final long MAX_LATENCY_NANOS = 60_000_000_000L;

    private final String runId;
    private final int senders;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Histogram latency = LatencySummary.newHistogram();
    private long inWindow;
    private long bounced;

    Deliveries(String runId, int senders) {
        this.runId = runId;
        this.senders = senders;
    }

    String runId() {
        return runId;
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    /**
     * @return the payload when {@code stanza} is the first arrival of one of this run's messages, else
     *     {@code null} (other stanzas, duplicates, bounces and stale messages are accounted for here)
     */
    Payload accept(int recipient, Element stanza, MeasuredRun run) {
        if (!"message".equals(stanza.name())) {
            return null;
        }
        if ("error".equals(stanza.attribute("type"))) {
            bounced++;
            return null;
        }
        Payload payload = Payload.parse(stanza.childText("body"));
        if (payload == null) {
            return null;
        }
        if (!runId.equals(payload.runId()) || payload.sender() < 0 || payload.sender() >= senders) {
            ledger.stale();
            return null;
        }
        long now = System.nanoTime();
        if (ledger.received(payload.sender(), recipient, payload.seq()) == DeliveryLedger.Arrival.DUPLICATE) {
            return null;
        }
        run.progress(now);
        if (run.inWindow(now)) {
            inWindow++;
        }
        if (run.inWindow(payload.nanos())) {
            latency.recordValue(Math.min(MAX_LATENCY_NANOS, Math.max(0, now - payload.nanos())));
        }
        return payload;
    }

    /** Adds the delivery rate under {@code rateKey} and the latency percentiles. */
    void addTo(List<Metric> metrics, MeasuredRun run, String rateKey) {
        LatencySummary summary = LatencySummary.of(latency);
        metrics.add(new Metric(rateKey, inWindow / run.windowSeconds(), "1/s"));
        metrics.add(new Metric("p50_ms", summary.p50Millis(), "ms"));
        metrics.add(new Metric("p90_ms", summary.p90Millis(), "ms"));
        metrics.add(new Metric("p99_ms", summary.p99Millis(), "ms"));
        metrics.add(new Metric("p999_ms", summary.p999Millis(), "ms"));
        metrics.add(new Metric("max_ms", summary.maxMillis(), "ms"));
        metrics.add(new Metric("bounced", bounced, "messages"));
    }
}
