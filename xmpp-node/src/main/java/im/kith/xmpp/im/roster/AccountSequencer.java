package im.kith.xmpp.im.roster;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.support.Blocking;

/**
 * Runs the blocking work about one account (roster edits, subscription processing, presence broadcast)
 * one task after the other, in submission order, on virtual threads. Stanzas that change an account's
 * roster are thus processed in the order they arrived, and what a task routes leaves in that order,
 * while different accounts proceed in parallel. A task must never wait for another task.
 *
 * <p>Each task happens-after the previous one of its account, and after what the submitting thread did
 * before submitting: a session that changed its own state on its event loop (presence, roster interest)
 * and then queued work can rely on later tasks of the account seeing that change.
 */
@ApplicationScoped
public class AccountSequencer {
    private final Blocking blocking;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public AccountSequencer(Blocking blocking) {
        this.blocking = blocking;
    }

    /**
     * Queues blocking work for an account.
     *
     * @param localpart the account
     * @return completes with the work's result once it ran, after all work queued before it
     */
    public <T> CompletionStage<T> submit(String localpart, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(localpart, done);
        Runnable start = () -> {
            CompletionStage<T> running;
            try {
                running = blocking.supply(work);
            } catch (RejectedExecutionException e) {
                running = CompletableFuture.failedFuture(e); // shutting down
            }
            running.whenComplete((value, failure) -> {
                // The result's dependants run first, so that an IQ answer leaves before the next task's output.
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
                tails.remove(localpart, done);
                done.complete(null);
            });
        };
        if (previous == null) {
            start.run();
        } else {
            previous.whenComplete((v, e) -> start.run());
        }
        return result;
    }

    /** Queues blocking work without a result. */
    public CompletionStage<Void> run(String localpart, Blocking.ThrowingRunnable work) {
        return submit(localpart, () -> {
            work.run();
            return null;
        });
    }

}
