package im.kith.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket behind the per-connection inbound rate limit, on a hand-driven clock. */
class InboundThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void aBurstUpToTheBucketSizePassesWithoutAPause() {
        InboundThrottle t = new InboundThrottle(1000, 10_000, now::get);
        assertThat(t.received(4000)).isZero();
        assertThat(t.received(6000)).isZero();
    }

    @Test
    void beyondTheBurstTheConnectionPausesUntilTheDeficitIsRefilled() {
        InboundThrottle t = new InboundThrottle(1000, 10_000, now::get);
        t.received(10_000);
        // 500 bytes over at 1000 bytes/s: half a second.
        assertThat(t.received(500)).isEqualTo(500);
    }

    @Test
    void theBucketRefillsAtTheRateButNeverBeyondTheBurst() {
        InboundThrottle t = new InboundThrottle(1000, 10_000, now::get);
        t.received(10_000);
        advanceMillis(2000);
        assertThat(t.received(2000)).isZero();
        assertThat(t.received(1)).isPositive();
        advanceMillis(3_600_000);
        assertThat(t.received(10_000)).isZero();
        assertThat(t.received(1000)).isEqualTo(1000);
    }

    @Test
    void aSteadySenderAtTheRateIsNeverPaused() {
        InboundThrottle t = new InboundThrottle(1000, 1000, now::get);
        for (int i = 0; i < 100; i++) {
            advanceMillis(100);
            assertThat(t.received(100)).isZero();
        }
    }

    @Test
    void aRateOfZeroTurnsTheLimitOff() {
        InboundThrottle t = new InboundThrottle(0, 1, now::get);
        assertThat(t.received(Integer.MAX_VALUE)).isZero();
    }
}
