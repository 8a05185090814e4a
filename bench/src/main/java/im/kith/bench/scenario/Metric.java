package im.kith.bench.scenario;

/** One named number a scenario measured, with its unit. */
public record Metric(String key, double value, String unit) {}
