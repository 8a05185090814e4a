package im.kith.bench.scenario;

import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/** Logs batches of accounts in and closes them again; call on the event loop. */
final class SessionPool {

    /** Sessions in account order; {@code failures} logins did not succeed. */
    record Batch(List<XmppSession> sessions, int failures, Throwable firstFailure) {
        boolean complete() {
            return failures == 0;
        }
    }

    private SessionPool() {}

    /** Logs in accounts {@code 0 .. count-1}, giving session {@code i} the handler {@code handlers(i)}. */
    static Future<Batch> login(ScenarioContext context, int count, IntFunction<XmppSession.StanzaHandler> handlers) {
        return Concurrently.run(count, context.loginConcurrency(), i -> context.connector()
                .login(context.accounts().credentials(i), "bench", handlers.apply(i)))
                .map(outcomes -> {
                    List<XmppSession> sessions = new ArrayList<>(count);
                    int failures = 0;
                    Throwable first = null;
                    for (Future<XmppSession> outcome : outcomes) {
                        if (outcome.succeeded()) {
                            sessions.add(outcome.result());
                        } else {
                            failures++;
                            first = first == null ? outcome.cause() : first;
                        }
                    }
                    return new Batch(sessions, failures, first);
                });
    }

    /** Closes every session and completes when all connections are gone. */
    static Future<Void> closeAll(List<XmppSession> sessions) {
        List<Future<Void>> closing = new ArrayList<>(sessions.size());
        sessions.forEach(s -> closing.add(s.close()));
        return Future.join(closing).mapEmpty();
    }

    /** Logs a batch in on the event loop and waits; closes what did log in and throws if anything failed. */
    static List<XmppSession> loginOrThrow(ScenarioContext context, int count,
            IntFunction<XmppSession.StanzaHandler> handlers) throws Exception {
        long started = System.nanoTime();
        Batch batch = context.await(context.onLoop(() -> login(context, count, handlers)), context.timing().setup());
        context.log().printf(Locale.ROOT, "  logged in %d sessions in %.1f s%n", batch.sessions().size(),
                (System.nanoTime() - started) / 1e9);
        if (!batch.complete()) {
            closeQuietly(context, batch.sessions());
            throw new IllegalStateException(batch.failures() + " of " + count + " logins failed, first: "
                    + batch.firstFailure().getMessage(), batch.firstFailure());
        }
        return batch.sessions();
    }

    /** Closes sessions from the calling thread, waiting a bounded time. */
    static void closeQuietly(ScenarioContext context, List<XmppSession> sessions) {
        long started = System.nanoTime();
        try {
            context.await(context.onLoop(() -> closeAll(sessions)), context.timing().setup());
            context.log().printf(Locale.ROOT, "  closed %d sessions in %.1f s%n", sessions.size(),
                    (System.nanoTime() - started) / 1e9);
        } catch (Exception e) {
            context.log().println("  warning: sessions did not close cleanly: " + e.getMessage());
        }
    }
}
