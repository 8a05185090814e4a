/**
 * The measurements. Each {@link im.kith.bench.scenario.Scenario} logs its own sessions in, drives them on the
 * single event loop of the {@link im.kith.bench.scenario.ScenarioContext}, and returns named metrics and,
 * for message traffic, the delivery accounting.
 */
package im.kith.bench.scenario;
