package im.kith.xmpp.transport;

import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;

import im.kith.xmpp.support.IntakeGate;

/** Applies an {@link InboundThrottle} verdict to a Vert.x stream (a TCP socket, a WebSocket). */
public final class Throttling {
    private Throttling() {
    }

    /**
     * After a read of {@code bytes}: pauses the stream for as long as the connection's own rate limit
     * or storage that has fallen behind ({@link IntakeGate}) asks, whichever is longer.
     */
    public static void afterRead(Vertx vertx, ReadStream<?> stream, InboundThrottle throttle, IntakeGate intake,
            int bytes) {
        apply(vertx, stream, Math.max(throttle.received(bytes), intake.pauseMillis()));
    }

    /** Stops reading from the stream for {@code pauseMillis} (nothing when 0). */
    private static void apply(Vertx vertx, ReadStream<?> stream, long pauseMillis) {
        if (pauseMillis <= 0) {
            return;
        }
        stream.pause();
        vertx.setTimer(pauseMillis, id -> stream.resume());
    }
}
