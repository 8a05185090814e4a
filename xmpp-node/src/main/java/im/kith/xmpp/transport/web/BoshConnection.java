package im.kith.xmpp.transport.web;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import im.kith.xmpp.sasl.ChannelBinding;
import im.kith.xmpp.session.Connection;
import im.kith.xmpp.session.StreamFraming;
import im.kith.xmpp.xml.XmlDecoder;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamHandler;

/**
 * The {@link Connection} of a BOSH session: what the stream writes collects until a held request can
 * carry it. The stream header has no counterpart in BOSH (XEP-0206 §3: the session creation response
 * carries it), so the framing writes nothing for the opening and closing but keeps the stream id for
 * {@code authid}.
 */
final class BoshConnection implements Connection {
    /** Output kept for a client that does not come back for it; beyond this the stream ends. */
    private static final int MAX_BUFFERED_CHARS = 2 * 1024 * 1024;

    private final BoshSession session;
    private final Vertx vertx;
    private final Context context;
    private final Executor executor;
    private final Runnable pendingSlot;
    private final StringBuilder output = new StringBuilder();
    private final InetAddress remoteAddress;
    private final StreamFraming framing = new StreamFraming() {
        @Override
        public XmlDecoder decoder(XmlStreamHandler handler, XmlLimits limits) {
            return FramedXml.WEBSOCKET.decoder(handler, limits);
        }

        @Override
        public String open(String id, String domain) {
            streamId = id;
            return "";
        }

        @Override
        public String close() {
            return "";
        }
    };
    private String streamId;
    private boolean streamError;
    private boolean closed;

    BoshConnection(BoshSession session, Vertx vertx, Context context, InetAddress remoteAddress,
            Runnable pendingSlot) {
        this.session = session;
        this.remoteAddress = remoteAddress;
        this.vertx = vertx;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.pendingSlot = pendingSlot;
    }

    @Override
    public void write(String data) {
        if (closed || data.isEmpty()) {
            return;
        }
        if (output.length() + data.length() > MAX_BUFFERED_CHARS) {
            closed = true; // the client stopped collecting its data: drop the session
            executor.execute(session::end);
            return;
        }
        if (data.startsWith("<stream:error")) {
            streamError = true;
        }
        output.append(StandaloneXml.qualify(data));
        session.flushSoon();
    }

    boolean hasOutput() {
        return !output.isEmpty();
    }

    String takeOutput() {
        String out = output.toString();
        output.setLength(0);
        return out;
    }

    boolean sentStreamError() {
        return streamError;
    }

    String streamId() {
        return streamId;
    }

    /** The session is over: nothing more is collected. */
    void ended() {
        closed = true;
        pendingSlot.run();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** Over HTTPS, or plain HTTP from loopback behind a TLS-terminating proxy. */
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
        return CompletableFuture.failedFuture(new IllegalStateException("no STARTTLS on BOSH"));
    }

    @Override
    public ChannelBinding channelBinding() {
        return ChannelBinding.NONE;
    }

    @Override
    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> context.runOnContext(v -> task.run()));
        return () -> vertx.cancelTimer(id);
    }

    /** The stream ended: the next response terminates the session. */
    @Override
    public void close() {
        session.flushSoon();
    }

    @Override
    public StreamFraming framing() {
        return framing;
    }

    @Override
    public void authenticated() {
        pendingSlot.run();
    }
}
