package im.kith.bench.scenario;

import im.kith.bench.metrics.ProcessProbe;
import im.kith.bench.metrics.ProcessSample;
import im.kith.bench.xmpp.XmppSession;
import java.util.List;

/**
 * Server memory per idle session: resident set size before and after {@code sessions} authenticated
 * STARTTLS sessions with initial presence have logged in and the server has settled, divided by the count.
 *
 * <p>A warm-up batch of up to {@value #WARM_UP_SESSIONS} sessions logs in and out first, so that memory the
 * server spends once on its login path (loaded classes, compiled code, TLS and allocator caches) is in the
 * "before" sample and not charged to the sessions.
 */
public final class IdleMemoryScenario implements Scenario {
    static final int WARM_UP_SESSIONS = 500;

    private final String name;
    private final int sessions;

    public IdleMemoryScenario(String name, int sessions) {
        if (sessions < 1) {
            throw new IllegalArgumentException("need at least one session");
        }
        this.name = name;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int accountsNeeded() {
        return sessions;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        ProcessProbe server = context.server()
                .orElseThrow(() -> new IllegalStateException("needs the server's process id"));
        SessionPool.closeQuietly(context,
                SessionPool.loginOrThrow(context, Math.min(WARM_UP_SESSIONS, sessions), i -> (session, stanza) -> { }));
        context.sleep(context.timing().settle());
        ProcessSample before = server.sample();
        long started = System.nanoTime();
        List<XmppSession> logged = SessionPool.loginOrThrow(context, sessions, i -> (session, stanza) -> { });
        double loginSeconds = (System.nanoTime() - started) / 1e9;
        try {
            context.sleep(context.timing().settle());
            ProcessSample after = server.sample();
            return new ScenarioResult(name, List.of(
                    new Metric("sessions", sessions, "sessions"),
                    new Metric("rss_before_mb", before.rssKiB() / 1024.0, "MiB"),
                    new Metric("rss_after_mb", after.rssKiB() / 1024.0, "MiB"),
                    new Metric("kb_per_session", (after.rssKiB() - before.rssKiB()) / (double) sessions, "KiB"),
                    new Metric("setup_logins_per_s", sessions / loginSeconds, "1/s")), null);
        } finally {
            SessionPool.closeQuietly(context, logged);
            context.sleep(context.timing().settle());
        }
    }
}
