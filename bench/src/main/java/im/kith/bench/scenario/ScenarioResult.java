package im.kith.bench.scenario;

import im.kith.bench.metrics.DeliveryCounts;
import java.util.List;

/**
 * @param scenario the scenario's name, which prefixes its metrics in result files
 * @param deliveries delivery accounting, or {@code null} for scenarios without message traffic
 */
public record ScenarioResult(String scenario, List<Metric> metrics, DeliveryCounts deliveries) {
    public ScenarioResult {
        metrics = List.copyOf(metrics);
    }
}
