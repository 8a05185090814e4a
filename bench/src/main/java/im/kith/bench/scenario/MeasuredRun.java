package im.kith.bench.scenario;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The phases of a traffic scenario: warm-up, the measured window, then draining messages still in flight.
 * The window is {@code [start + warmup, start + warmup + measure)} on the {@link System#nanoTime()} clock;
 * timers switch phases close to those instants. Draining ends when nothing is in flight any more, when no
 * message has arrived for the drain time (a slow server still making progress is waited for), or after
 * ten times the drain time in all. Call on the event loop.
 */
final class MeasuredRun {
    private static final long DRAIN_POLL_MILLIS = 5;

    private enum Phase { WARMUP, MEASURE, DRAIN, DONE }

    private final Vertx vertx;
    private final Timing timing;
    private final ResourceWatch watch;
    private final BooleanSupplier drained;
    private final Promise<Void> done = Promise.promise();
    private Phase phase = Phase.WARMUP;
    private long measureStart;
    private long measureEnd;
    private long lastProgress;

    MeasuredRun(ScenarioContext context, ResourceWatch watch, BooleanSupplier drained) {
        this.vertx = context.vertx();
        this.timing = context.timing();
        this.watch = watch;
        this.drained = drained;
    }

    /** Schedules the phases from {@code startNanos}; completes once drained or the drain time is over. */
    Future<Void> start(long startNanos) {
        measureStart = startNanos + timing.warmup().toNanos();
        measureEnd = measureStart + timing.measure().toNanos();
        vertx.setTimer(millisUntil(measureStart), t -> {
            phase = Phase.MEASURE;
            watch.begin();
        });
        vertx.setTimer(millisUntil(measureEnd), t -> {
            phase = Phase.DRAIN;
            watch.end();
            lastProgress = System.nanoTime();
            awaitDrain(lastProgress + 10 * timing.drain().toNanos());
        });
        return done.future();
    }

    /** Notes that a message arrived, which keeps draining going. */
    void progress(long nanos) {
        lastProgress = nanos;
    }

    private void awaitDrain(long deadline) {
        long now = System.nanoTime();
        if (drained.getAsBoolean() || now - lastProgress >= timing.drain().toNanos() || now >= deadline) {
            phase = Phase.DONE;
            done.tryComplete();
        } else {
            vertx.setTimer(DRAIN_POLL_MILLIS, t -> awaitDrain(deadline));
        }
    }

    /** Whether senders should keep sending. */
    boolean sending() {
        return phase == Phase.WARMUP || phase == Phase.MEASURE;
    }

    boolean inWindow(long nanos) {
        return nanos >= measureStart && nanos < measureEnd;
    }

    double windowSeconds() {
        return (measureEnd - measureStart) / 1e9;
    }

    private static long millisUntil(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime()));
    }
}
