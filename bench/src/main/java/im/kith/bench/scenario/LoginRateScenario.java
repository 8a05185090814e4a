package im.kith.bench.scenario;

import im.kith.bench.metrics.LatencySummary;
import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Complete logins per second: TCP connect, STARTTLS with a full TLS handshake, SASL SCRAM, resource binding
 * and initial presence, then the stream is closed. {@code concurrency} workers cycle through a pool of
 * accounts. A first pass logs every pool account in once, untimed, so that the generator's cached SCRAM keys
 * (see {@link im.kith.bench.sasl.ScramKeyCache}) keep its own PBKDF2 cost out of the measurement.
 */
public final class LoginRateScenario implements Scenario {
    private final String name;
    private final int concurrency;
    private final int pool;

    public LoginRateScenario(String name, int concurrency, int pool) {
        if (concurrency < 1 || pool < concurrency) {
            throw new IllegalArgumentException("need concurrency >= 1 and a pool at least that large");
        }
        this.name = name;
        this.concurrency = concurrency;
        this.pool = pool;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int accountsNeeded() {
        return pool;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        List<XmppSession> warm = SessionPool.loginOrThrow(context, pool, i -> (session, stanza) -> { });
        SessionPool.closeQuietly(context, warm);
        Workers workers = new Workers(context);
        Duration bound = context.timing().measure().plus(context.timing().setup());
        context.await(context.onLoop(workers::start), bound);
        return context.call(workers::result);
    }

    /** The login loops, confined to the event loop. */
    private final class Workers {
        private final ScenarioContext context;
        private final ResourceWatch watch;
        private final Histogram latency = LatencySummary.newHistogram();
        private final Promise<Void> done = Promise.promise();
        private long end;
        private long next;
        private long completed;
        private long failures;
        private String firstFailure;
        private int active;

        Workers(ScenarioContext context) {
            this.context = context;
            this.watch = new ResourceWatch(context);
        }

        Future<Void> start() {
            watch.begin();
            end = System.nanoTime() + context.timing().measure().toNanos();
            for (int i = 0; i < concurrency; i++) {
                active++;
                loginNext();
            }
            return done.future();
        }

        private void loginNext() {
            if (System.nanoTime() >= end) {
                if (--active == 0) {
                    watch.end();
                    done.complete();
                }
                return;
            }
            int account = (int) (next++ % pool);
            long started = System.nanoTime();
            context.connector().login(context.accounts().credentials(account), "login", (s, stanza) -> { })
                    .onComplete(outcome -> {
                        long finished = System.nanoTime();
                        if (outcome.succeeded()) {
                            outcome.result().close();
                            if (finished < end) {
                                completed++;
                                latency.recordValue(finished - started);
                            }
                        } else {
                            failures++;
                            firstFailure = firstFailure == null ? outcome.cause().getMessage() : firstFailure;
                        }
                        loginNext();
                    });
        }

        ScenarioResult result() {
            if (firstFailure != null) {
                context.log().println("  first login failure: " + firstFailure);
            }
            LatencySummary summary = LatencySummary.of(latency);
            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("concurrency", concurrency, "logins"));
            metrics.add(new Metric("logins_per_s", completed / (context.timing().measure().toNanos() / 1e9), "1/s"));
            metrics.add(new Metric("login_p50_ms", summary.p50Millis(), "ms"));
            metrics.add(new Metric("login_p99_ms", summary.p99Millis(), "ms"));
            metrics.add(new Metric("failures", failures, "logins"));
            watch.addTo(metrics);
            return new ScenarioResult(name, metrics, null);
        }
    }
}
