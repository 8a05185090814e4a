package im.kith.xmpp.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import im.kith.xmpp.sasl.ChannelBinding;

/**
 * The transport under one XMPP stream, as the session layer sees it. Implemented by the transport
 * package (TCP with STARTTLS or direct TLS; WebSocket; BOSH). Except {@link #executor()}, methods are
 * called on the connection's own event loop.
 */
public interface Connection {

    /** Queues text for the peer. */
    void write(String data);

    /** Runs tasks on this connection's event loop, in order. */
    Executor executor();

    /** Whether the connection is protected by TLS. */
    boolean secure();

    /** Whether {@code <starttls/>} can be offered (a plain TCP stream that may upgrade). */
    boolean canStartTls();

    /** Upgrades to TLS; completes when the handshake is done. */
    CompletionStage<Void> startTls();

    /** Channel-binding data of the TLS session (RFC 5929, RFC 9266). */
    ChannelBinding channelBinding();

    InetAddress remoteAddress();

    /** Runs a task on the event loop after a delay. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Flushes what was written and closes. */
    void close();

    /** How this transport frames the stream: the RFC 6120 XML stream unless it says otherwise. */
    default StreamFraming framing() {
        return StreamFraming.XML_STREAM;
    }

    /** Told once the stream has a bound resource, so the transport can lift pre-auth limits. */
    default void authenticated() {
    }

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
