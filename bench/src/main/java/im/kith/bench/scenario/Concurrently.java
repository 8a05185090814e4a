package im.kith.bench.scenario;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** Runs {@code count} asynchronous tasks with at most {@code limit} in progress; call on the event loop. */
final class Concurrently<T> {
    private final int count;
    private final IntFunction<Future<T>> task;
    private final Future<T>[] outcomes;
    private final Promise<List<Future<T>>> done = Promise.promise();
    private int started;
    private int finished;

    @SuppressWarnings("unchecked")
    private Concurrently(int count, IntFunction<Future<T>> task) {
        this.count = count;
        this.task = task;
        this.outcomes = new Future[count];
    }

    /** Completes, never fails, with each task's outcome in index order once all have finished. */
    static <T> Future<List<Future<T>>> run(int count, int limit, IntFunction<Future<T>> task) {
        Concurrently<T> run = new Concurrently<>(count, task);
        if (count == 0) {
            return Future.succeededFuture(List.of());
        }
        for (int i = 0; i < Math.min(limit, count); i++) {
            run.startNext();
        }
        return run.done.future();
    }

    private void startNext() {
        if (started == count) {
            return;
        }
        int index = started++;
        Future<T> outcome = start(index);
        outcome.onComplete(ar -> {
            outcomes[index] = outcome;
            if (++finished == count) {
                done.complete(new ArrayList<>(Arrays.asList(outcomes)));
            } else {
                startNext();
            }
        });
    }

    private Future<T> start(int index) {
        try {
            return task.apply(index);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
