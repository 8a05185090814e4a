package im.kith.xmpp.transport;

import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;

/** Applies an {@link InboundThrottle} verdict to a Vert.x stream (a TCP socket, a WebSocket). */
public final class Throttling {
    private Throttling() {
    }

    /** Stops reading from the stream for {@code pauseMillis} (nothing when 0). */
    public static void apply(Vertx vertx, ReadStream<?> stream, long pauseMillis) {
        if (pauseMillis <= 0) {
            return;
        }
        stream.pause();
        vertx.setTimer(pauseMillis, id -> stream.resume());
    }
}
