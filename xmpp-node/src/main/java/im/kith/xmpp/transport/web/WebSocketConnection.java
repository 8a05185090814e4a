package im.kith.xmpp.transport.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

import im.kith.xmpp.sasl.ChannelBinding;
import im.kith.xmpp.session.Connection;
import im.kith.xmpp.session.StreamFraming;

/**
 * A {@link Connection} over one WebSocket (RFC 7395): every write is one text message holding one
 * standalone element (§3.3.3). STARTTLS is never offered: TLS belongs to the WebSocket (§3.1).
 */
final class WebSocketConnection implements Connection {
    /** RFC 6455 §7.4.1: normal closure. */
    private static final short NORMAL_CLOSURE = 1000;

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final Context context;
    private final Executor executor;
    private final Runnable onAuthenticated;
    private boolean closed;

    WebSocketConnection(Vertx vertx, ServerWebSocket socket, Context context, Runnable onAuthenticated) {
        this.vertx = vertx;
        this.socket = socket;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.onAuthenticated = onAuthenticated;
    }

    @Override
    public void write(String data) {
        if (!closed && !data.isEmpty()) {
            socket.writeTextMessage(StandaloneXml.qualify(data));
        }
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** The endpoint only accepts HTTPS, or plain HTTP from loopback behind a TLS-terminating proxy. */
    @Override
    public boolean secure() {
        return true;
    }

    @Override
    public boolean canStartTls() {
        return false;
    }

    @Override
    public CompletionStage<Void> startTls() {
        return CompletableFuture.failedFuture(new IllegalStateException("no STARTTLS on WebSocket"));
    }

    /** Browsers cannot do channel binding; the -PLUS mechanisms are not offered. */
    @Override
    public ChannelBinding channelBinding() {
        return ChannelBinding.NONE;
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
        if (!closed) {
            closed = true;
            socket.close(NORMAL_CLOSURE);
        }
    }

    @Override
    public StreamFraming framing() {
        return FramedXml.WEBSOCKET;
    }

    @Override
    public void authenticated() {
        onAuthenticated.run();
    }
}
