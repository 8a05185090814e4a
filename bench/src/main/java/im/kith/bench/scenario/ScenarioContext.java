package im.kith.bench.scenario;

import im.kith.bench.metrics.ProcessProbe;
import im.kith.bench.xmpp.Accounts;
import im.kith.bench.xmpp.XmppConnector;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What scenarios share: the event loop all sessions live on, the connector, the accounts, the server process
 * (when known), timings and a log. Scenario state is only touched on {@link #loop()}; the calling thread
 * waits for results with {@link #await(Future, Duration)}.
 *
 * @param probe the server process, or {@code null} when it cannot be observed
 * @param generator this process, to show whether the load generator itself was the bottleneck
 * @param loginConcurrency how many logins a batch keeps in progress at once
 */
public record ScenarioContext(Vertx vertx, Context loop, XmppConnector connector, Accounts accounts,
        ProcessProbe probe, ProcessProbe generator, Timing timing, int loginConcurrency, PrintStream log) {

    public Optional<ProcessProbe> server() {
        return Optional.ofNullable(probe);
    }

    /** Runs {@code action} on the event loop and returns what it produces. */
    public <T> Future<T> onLoop(Supplier<Future<T>> action) {
        Promise<T> result = Promise.promise();
        loop.runOnContext(v -> {
            try {
                action.get().onComplete(result);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future();
    }

    /** Computes a value on the event loop and waits for it, for reading state confined to the loop. */
    public <T> T call(Supplier<T> query) throws Exception {
        return await(onLoop(() -> Future.succeededFuture(query.get())), Duration.ofSeconds(10));
    }

    /** Blocks the calling thread, which must not be the event loop, until the future completes. */
    public <T> T await(Future<T> future, Duration timeout) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no result within " + timeout);
        }
    }

    /** A new identifier that tells this run's messages from any other's. */
    public static String freshRunId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
