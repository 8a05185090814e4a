package im.kith.xmpp.transport;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

/** Applies an {@link InboundThrottle} verdict to a Vert.x socket. */
final class Throttling {
    private Throttling() {
    }

    /** Stops reading from the socket for {@code pauseMillis} (nothing when 0). */
    static void apply(Vertx vertx, NetSocket socket, long pauseMillis) {
        if (pauseMillis <= 0) {
            return;
        }
        socket.pause();
        vertx.setTimer(pauseMillis, id -> socket.resume());
    }
}
