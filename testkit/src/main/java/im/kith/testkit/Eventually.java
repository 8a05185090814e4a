package im.kith.testkit;

import java.time.Duration;

/** Retries an assertion until it holds or the wait is over, for state that settles asynchronously. */
public final class Eventually {
    private static final Duration PAUSE = Duration.ofMillis(50);

    private Eventually() {
    }

    /** A check that fails by throwing an {@link AssertionError}. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** Runs the check until it passes; rethrows its last failure once {@code within} has passed. */
    public static void eventually(Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(PAUSE);
            }
        }
    }
}
