package im.kith.bench.scenario;

import im.kith.bench.metrics.ProcessProbe;
import java.util.List;

/**
 * The server's resident set size at rest: meant to run first, before accounts are provisioned or any
 * session has connected, after the server has had the settle time to finish starting.
 */
public final class IdleRssScenario implements Scenario {
    private final String name;

    public IdleRssScenario(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int accountsNeeded() {
        return 0;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        ProcessProbe server = context.server()
                .orElseThrow(() -> new IllegalStateException("needs the server's process id"));
        context.sleep(context.timing().settle());
        return new ScenarioResult(name, List.of(new Metric("rss_mb", server.sample().rssKiB() / 1024.0, "MiB")),
                null);
    }
}
