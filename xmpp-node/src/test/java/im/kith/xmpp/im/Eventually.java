package im.kith.xmpp.im;

import java.time.Duration;

/** Retries an assertion until it holds or time runs out (for state that settles asynchronously). */
final class Eventually {

    private Eventually() {
    }

    /** Checks that may throw an AssertionError. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + ImClient.WAIT.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(Duration.ofMillis(50));
            }
        }
    }
}
