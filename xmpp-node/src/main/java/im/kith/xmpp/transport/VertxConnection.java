package im.kith.xmpp.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import im.kith.xmpp.sasl.ChannelBinding;
import im.kith.xmpp.session.Connection;

/**
 * A {@link Connection} over a Vert.x TCP socket, plain (STARTTLS-capable) or direct TLS.
 *
 * <p>Writes made on the connection's event loop are gathered and handed to the socket once, after the
 * tasks already queued on the loop: a burst of stanzas for one recipient (a message, its carbons, the
 * acks) then costs one TLS record and one system call instead of one each. Writes from other threads
 * are passed to the event loop, behind those already gathered, so order is kept.
 */
final class VertxConnection implements Connection {
    private final Vertx vertx;
    private final NetSocket socket;
    private final Context context;
    /** The event-loop thread of {@link #context}; the connection is created on it. */
    private final Thread loop = Thread.currentThread();
    private final Executor executor;
    private final Runnable onAuthenticated;
    private boolean secure;
    private boolean closed;
    /** Data written during the current event-loop turn, not yet given to the socket; loop thread only. */
    private Buffer pending;

    VertxConnection(Vertx vertx, NetSocket socket, Context context, boolean directTls,
            Runnable onAuthenticated) {
        this.vertx = vertx;
        this.socket = socket;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.secure = directTls;
        this.onAuthenticated = onAuthenticated;
        if (!Context.isOnEventLoopThread() || Vertx.currentContext() != context) {
            throw new IllegalStateException("a connection must be created on its own event loop");
        }
    }

    @Override
    public void write(String data) {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != loop) {
            context.runOnContext(v -> write(data));
            return;
        }
        if (pending == null) {
            pending = Buffer.buffer(data);
            context.runOnContext(v -> flush());
        } else {
            pending.appendString(data);
        }
    }

    /** Hands what was gathered to the socket; runs on the event loop. */
    private void flush() {
        Buffer data = pending;
        pending = null;
        if (data != null && !closed) {
            socket.write(data);
        }
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public boolean canStartTls() {
        return !secure;
    }

    @Override
    public CompletionStage<Void> startTls() {
        flush(); // RFC 6120 §5.4.3.3: <proceed/> goes out in the clear, before the TLS handshake starts
        return socket.upgradeToSsl().onSuccess(v -> secure = true).toCompletionStage();
    }

    @Override
    public ChannelBinding channelBinding() {
        return secure ? new TlsChannelBinding(socket.sslSession()) : ChannelBinding.NONE;
    }

    @Override
    public InetAddress remoteAddress() {
        try {
            return InetAddress.getByName(socket.remoteAddress().hostAddress());
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> context.runOnContext(v -> task.run()));
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public void close() {
        if (Thread.currentThread() != loop) {
            context.runOnContext(v -> close()); // behind the writes already passed to the loop
            return;
        }
        if (!closed) {
            flush();
            closed = true;
            socket.close();
        }
    }

    @Override
    public void authenticated() {
        onAuthenticated.run();
    }
}
