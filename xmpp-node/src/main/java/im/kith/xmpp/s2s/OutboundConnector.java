package im.kith.xmpp.s2s;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import im.kith.xmpp.session.Connection;

/**
 * Opens connections to other servers (implemented by the transport): resolution of the domain
 * (static route, then SRV {@code _xmpps-server._tcp} and {@code _xmpp-server._tcp}, then the domain on
 * 5269, RFC 6120 §3.2 and XEP-0368), connection to the candidates in order, TLS from the first byte for
 * {@code xmpps-server} targets.
 */
public interface OutboundConnector {

    /**
     * Connects to the server for {@code domain}. The handler factory is called with the connected link
     * before any byte is read; the stage fails with {@link UnreachableException} when no candidate
     * answers.
     */
    CompletionStage<S2sLink> connect(String domain, Function<S2sLink, LinkHandler> handler);

    /** Runs a task after a delay on an event loop. */
    Connection.Cancellable schedule(Duration delay, Runnable task);

    /** No candidate address of a domain could be reached. */
    final class UnreachableException extends RuntimeException {
        public UnreachableException(String message) {
            super(message, null, false, false);
        }
    }
}
