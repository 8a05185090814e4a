package im.kith.xmpp.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

import im.kith.xmpp.sasl.ChannelBinding;
import im.kith.xmpp.session.Connection;

/** A {@link Connection} over a Vert.x TCP socket, plain (STARTTLS-capable) or direct TLS. */
final class VertxConnection implements Connection {
    private final Vertx vertx;
    private final NetSocket socket;
    private final Context context;
    private final Executor executor;
    private final Runnable onAuthenticated;
    private boolean secure;
    private boolean closed;

    VertxConnection(Vertx vertx, NetSocket socket, Context context, boolean directTls,
            Runnable onAuthenticated) {
        this.vertx = vertx;
        this.socket = socket;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.secure = directTls;
        this.onAuthenticated = onAuthenticated;
    }

    @Override
    public void write(String data) {
        if (closed) {
            return;
        }
        socket.write(data);
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
        if (!closed) {
            closed = true;
            socket.close();
        }
    }

    @Override
    public void authenticated() {
        onAuthenticated.run();
    }
}
