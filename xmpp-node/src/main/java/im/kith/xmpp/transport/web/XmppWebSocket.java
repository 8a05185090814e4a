package im.kith.xmpp.transport.web;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import im.kith.xmpp.session.C2sStream;
import im.kith.xmpp.session.SessionServices;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.support.IntakeGate;
import im.kith.xmpp.transport.InboundThrottle;
import im.kith.xmpp.transport.Throttling;
import im.kith.xmpp.xml.XmlViolation;

/**
 * XMPP over WebSocket (RFC 7395) at {@value #PATH}. The handshake must offer the {@code xmpp}
 * subprotocol (§3.2; anything else is refused with 400 before upgrading, §3.3). Frames are gathered
 * into messages of at most the largest stanza; each message goes to the stream as one element. A client
 * that sends faster than the inbound rate ({@code kith.c2s.rate-bytes}, after {@code burst-bytes}) has its
 * WebSocket paused until it is within the rate again, as a TCP client's socket is (RFC 6120 §13.12).
 */
@ApplicationScoped
public class XmppWebSocket {
    static final String PATH = "/xmpp-websocket";
    private static final Logger LOG = Logger.getLogger(XmppWebSocket.class);
    private static final int WRITE_QUEUE_BYTES = 2 * 1024 * 1024;

    private final Vertx vertx;
    private final SessionServices services;
    private final PendingPerIp pendingPerIp;
    private final Set<C2sStream> streams = ConcurrentHashMap.newKeySet();
    private final IntakeGate intake;

    public XmppWebSocket(Vertx vertx, SessionServices services, PendingPerIp pendingPerIp, IntakeGate intake) {
        this.vertx = vertx;
        this.services = services;
        this.pendingPerIp = pendingPerIp;
        this.intake = intake;
    }

    void install(@Observes Router router) {
        router.route(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket")
                    .end("XMPP over WebSocket (RFC 7395) only\n");
            return;
        }
        if (!offersXmpp(request.headers().getAll("Sec-WebSocket-Protocol"))) {
            ctx.response().setStatusCode(400).end("the 'xmpp' WebSocket subprotocol is required (RFC 7395)\n");
            return;
        }
        if (!WebAddresses.carriesXmpp(request)) {
            ctx.response().setStatusCode(403).end("XMPP over WebSocket needs HTTPS\n");
            return;
        }
        Runnable slot = pendingPerIp.acquire(request.remoteAddress().hostAddress());
        if (slot == null) {
            ctx.response().setStatusCode(429).end("too many unauthenticated connections\n");
            return;
        }
        request.toWebSocket().onComplete(upgraded -> {
            if (upgraded.failed()) {
                slot.run();
                LOG.debugf("WebSocket upgrade failed: %s", upgraded.cause().getMessage());
                return;
            }
            ServerWebSocket socket = upgraded.result();
            if (!WebServerOptions.SUBPROTOCOL.equals(socket.subProtocol())) {
                slot.run();
                socket.close((short) 1002, "xmpp subprotocol required");
                return;
            }
            accept(socket, slot);
        });
    }

    static boolean offersXmpp(List<String> headers) {
        for (String header : headers) {
            for (String protocol : header.split(",")) {
                if (WebServerOptions.SUBPROTOCOL.equals(protocol.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void accept(ServerWebSocket socket, Runnable slot) {
        Context context = Vertx.currentContext();
        WebSocketConnection connection = new WebSocketConnection(vertx, socket, context, slot);
        C2sStream stream = new C2sStream(connection, services);
        streams.add(stream);
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        MessageAssembler assembler = new MessageAssembler(services.limits().maxStanzaBytes());
        InboundThrottle throttle = InboundThrottle.of(services.config().c2s());
        socket.frameHandler(frame -> {
            if (stream.closed()) {
                return;
            }
            switch (assembler.add(frame)) {
                case MessageAssembler.Result.Partial p -> { }
                case MessageAssembler.Result.Complete c -> stream.receive(c.message());
                // RFC 7395 §3.3.3: data frames are text; RFC 6120 §4.9.3.14 for the size bound.
                case MessageAssembler.Result.Refused r -> stream.onViolation(r.violation(), r.detail());
            }
            if (!stream.closed() && socket.writeQueueFull()) {
                stream.closeWithError(StreamErrorCondition.RESOURCE_CONSTRAINT, "the client is not reading");
            }
            Throttling.afterRead(vertx, socket, throttle, intake, frame.binaryData().length());
        });
        socket.closeHandler(v -> {
            slot.run();
            streams.remove(stream);
            stream.connectionClosed();
        });
        socket.exceptionHandler(e -> LOG.debugf("WebSocket connection error: %s", e.getMessage()));
        stream.start();
    }

    /** Open WebSocket streams, authenticated or not. */
    public int connections() {
        return streams.size();
    }

    /** Gathers the frames of one message, refusing binary data and anything beyond the size bound. */
    static final class MessageAssembler {
        private final int maxBytes;
        private Buffer message;

        MessageAssembler(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        sealed interface Result {
            record Partial() implements Result {
            }

            record Complete(byte[] message) implements Result {
            }

            record Refused(XmlViolation violation, String detail) implements Result {
            }
        }

        Result add(WebSocketFrame frame) {
            switch (frame.type()) {
                case BINARY -> {
                    return new Result.Refused(XmlViolation.BAD_FORMAT, "XMPP messages are text frames");
                }
                case TEXT -> message = Buffer.buffer();
                case CONTINUATION -> {
                    if (message == null) {
                        return new Result.Refused(XmlViolation.BAD_FORMAT, "XMPP messages are text frames");
                    }
                }
                default -> {
                    return new Result.Partial(); // ping, pong and close are answered by Vert.x
                }
            }
            if (message.length() + frame.binaryData().length() > maxBytes) {
                message = null;
                return new Result.Refused(XmlViolation.POLICY_VIOLATION, "message larger than " + maxBytes + " bytes");
            }
            message.appendBuffer(frame.binaryData());
            if (!frame.isFinal()) {
                return new Result.Partial();
            }
            byte[] bytes = message.getBytes();
            message = null;
            return new Result.Complete(bytes);
        }
    }
}
