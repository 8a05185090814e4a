package im.kith.xmpp.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

import im.kith.xmpp.s2s.S2sLink;
import im.kith.xmpp.sasl.ChannelBinding;

/**
 * An {@link S2sLink} over a Vert.x socket. On accepted sockets STARTTLS is the server handshake (the
 * peer's certificate is requested, not required, and judged later by the federation layer); on
 * initiated ones it is the client handshake with the peer domain as SNI.
 */
final class VertxS2sLink implements S2sLink {
    private final Vertx vertx;
    private final NetSocket socket;
    private final Context context;
    private final Executor executor;
    private final String sniName;
    private final Runnable onClose;
    private volatile boolean secure;
    private boolean closed;

    /**
     * @param sniName the peer domain for an initiated connection (client-side TLS), null for accepted ones
     */
    VertxS2sLink(Vertx vertx, NetSocket socket, Context context, boolean directTls, String sniName, Runnable onClose) {
        this.vertx = vertx;
        this.socket = socket;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.secure = directTls;
        this.sniName = sniName;
        this.onClose = onClose;
    }

    @Override
    public void write(String data) {
        if (!closed) {
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
        var upgrade = sniName == null ? socket.upgradeToSsl() : socket.upgradeToSsl(sniName);
        return upgrade.onSuccess(v -> secure = true).toCompletionStage();
    }

    @Override
    public ChannelBinding channelBinding() {
        return secure ? new TlsChannelBinding(socket.sslSession()) : ChannelBinding.NONE;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        if (!secure) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : socket.peerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return List.copyOf(out);
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public String describe() {
        return socket.remoteAddress().hostAddress() + ":" + socket.remoteAddress().port();
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
            onClose.run();
        }
    }
}
