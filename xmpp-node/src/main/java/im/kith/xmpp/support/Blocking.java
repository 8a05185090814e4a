package im.kith.xmpp.support;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Runs blocking work (JDBC, files) on virtual threads so that no event loop ever waits on it.
 * Callers hop back to their own context with the returned stage.
 */
@Singleton
public class Blocking {
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("kith-blocking-", 0).factory());

    public <T> CompletionStage<T> supply(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    public CompletionStage<Void> run(ThrowingRunnable work) {
        return supply(() -> {
            work.run();
            return null;
        });
    }

    @PreDestroy
    void close() {
        executor.close();
    }

    /** A blocking action that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
