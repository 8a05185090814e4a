package im.kith.xmpp.transport;

import java.util.function.LongSupplier;

import im.kith.xmpp.config.NodeConfig;

/**
 * A token bucket over the bytes one connection sends: {@code rate} bytes a second on average, up to
 * {@code burst} at once. When the bucket runs dry the connection is paused for as long as it takes to
 * refill, so a flooding peer is slowed down by TCP back-pressure instead of being buffered (RFC 6120
 * §13.12, "Denial of Service": rate-limit what one entity may send). Every transport uses it: TCP
 * client and server connections, WebSocket and BOSH; {@link Throttling} pauses a Vert.x stream by its
 * verdict. Confined to the connection's event loop.
 */
public final class InboundThrottle {
    private final long rate;
    private final long burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * @param rate     bytes per second; 0 or less turns the throttle off
     * @param burst    bytes that may arrive at once, at least one read buffer
     * @param nanoTime the monotonic clock ({@code System::nanoTime} outside tests)
     */
    InboundThrottle(long rate, long burst, LongSupplier nanoTime) {
        this.rate = rate;
        this.burst = Math.max(burst, 1);
        this.nanoTime = nanoTime;
        this.tokens = this.burst;
        this.last = nanoTime.getAsLong();
    }

    /** A throttle with the configured client limits ({@code kith.c2s.rate-bytes}, {@code burst-bytes}). */
    public static InboundThrottle of(NodeConfig.C2s limits) {
        return new InboundThrottle(limits.rateBytes(), limits.burstBytes(), System::nanoTime);
    }

    /**
     * Takes {@code bytes} that have arrived (they are processed either way).
     *
     * @return how long to pause reading, in milliseconds, before the bucket holds a token again; 0 to go on
     */
    public long received(int bytes) {
        if (rate <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * (rate / 1e9));
        last = now;
        tokens -= bytes;
        if (tokens >= 0) {
            return 0;
        }
        return (long) Math.ceil(-tokens * 1000.0 / rate);
    }
}
