package im.kith.xmpp.transport.web;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import im.kith.xmpp.session.C2sStream;
import im.kith.xmpp.session.SessionServices;
import im.kith.xmpp.transport.InboundThrottle;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlWriter;

/**
 * One BOSH session (XEP-0124) carrying one client stream (XEP-0206). Requests are taken strictly in
 * {@code rid} order within the window of {@code requests} (§14.1); an early request waits for the gap
 * to fill, a repeated one gets its earlier response again (§14.3), anything else ends the session with
 * {@code item-not-found}. Up to {@code hold} requests are held (§11); each is answered when output is
 * ready, when a newer request needs its place, or after {@code wait} — with Vert.x timers, no thread
 * waits. The session ends after {@code inactivity} without a request (§7.1), on {@code terminate}
 * (§13), or when the stream ends.
 *
 * <p>The session is held to the inbound rate of every client connection ({@code kith.c2s.rate-bytes},
 * after {@code burst-bytes}; RFC 6120 §13.12), counted in request body bytes: once the bucket runs dry,
 * the next request in rid order is processed only when it has refilled. A client may have no more than
 * 'requests' requests outstanding (§11) and a held request is answered only when a newer one takes its
 * place, output is ready or 'wait' passes, so holding requests back slows the client down as TCP
 * back-pressure does, without ending its session. That is not a {@code policy-violation}: §11 and §17.2
 * give that terminal condition to clients that break the session rules (too many simultaneous requests,
 * polling too often), and a client that sends large bodies within its window breaks none.
 *
 * <p>Confined to the event loop it was created on: the endpoint hops every request there.
 */
final class BoshSession {
    private final String sid;
    private final Vertx vertx;
    private final Context context;
    private final Settings settings;
    private final BoshConnection connection;
    private final C2sStream stream;
    private final Runnable onEnd;
    private final TreeMap<Long, Pending> early = new TreeMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Long, String> answered;
    private final InboundThrottle throttle;
    private long nextRid;
    private boolean throttled;
    private boolean opened;
    private boolean created;
    private boolean ended;
    private boolean flushScheduled;
    private long inactivityTimer = -1;

    /**
     * What the session runs with, as agreed at creation (§7.1).
     *
     * @param waitMillis       longest time a request is held
     * @param hold             requests held at once (0 or 1)
     * @param inactivityMillis longest time without any request
     */
    record Settings(String to, String version, long waitMillis, int hold, long inactivityMillis) {
        /** §7.1: the number of simultaneous requests the client may make. */
        int requests() {
            return hold + 1;
        }
    }

    /** A request waiting for its turn in rid order; {@code bytes}: the size of its body. */
    private record Pending(BoshRequest request, int bytes, HttpServerResponse response) {
    }

    /** A processed request waiting for its response; {@code timer} answers it after 'wait'. */
    private record Held(long rid, HttpServerResponse response, long timer) {
    }

    BoshSession(String sid, Vertx vertx, Context context, Settings settings, SessionServices services,
            InetAddress remoteAddress, Runnable pendingSlot, Runnable onEnd) {
        this.sid = sid;
        this.vertx = vertx;
        this.context = context;
        this.settings = settings;
        this.onEnd = onEnd;
        this.answered = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > settings.requests();
            }
        };
        this.throttle = InboundThrottle.of(services.config().c2s());
        this.connection = new BoshConnection(this, vertx, context, remoteAddress, pendingSlot);
        this.stream = new C2sStream(connection, services);
    }

    String sid() {
        return sid;
    }

    Context context() {
        return context;
    }

    /** Handles the creation request: the stream opens and its features make up the first response. */
    void start(BoshRequest creation, int bytes, HttpServerResponse response) {
        nextRid = creation.rid();
        stream.start();
        receive(creation, bytes, response);
    }

    /** A request for this session, of {@code bytes} bytes; called on the session's context. */
    void receive(BoshRequest request, int bytes, HttpServerResponse response) {
        if (ended) {
            send(response, BoshBodies.terminate("item-not-found"));
            return;
        }
        cancelInactivity();
        long rid = request.rid();
        if (rid < nextRid) {
            resend(rid, response);
        } else if (rid >= nextRid + settings.requests() || early.size() >= settings.requests()) {
            // §14.2: a request beyond the window ends the session.
            send(response, BoshBodies.terminate("item-not-found"));
            end();
            return;
        } else {
            early.put(rid, new Pending(request, bytes, response));
            response.closeHandler(v -> context.runOnContext(x -> abandoned(response)));
            processInOrder();
        }
        idle();
    }

    /** Processes the requests next in rid order, while the inbound rate allows. */
    private void processInOrder() {
        Pending next;
        while (!ended && !throttled && (next = early.remove(nextRid)) != null) {
            nextRid++;
            process(next);
            long pause = throttle.received(next.bytes());
            if (pause > 0) {
                throttled = true;
                vertx.setTimer(pause, t -> context.runOnContext(v -> {
                    throttled = false;
                    processInOrder();
                    idle();
                }));
            }
        }
    }

    /** §14.3: a repeated rid gets the response it had, or takes the place of its still-held twin. */
    private void resend(long rid, HttpServerResponse response) {
        String earlier = answered.get(rid);
        if (earlier != null) {
            send(response, earlier);
            return;
        }
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.rid() == rid) {
                it.remove();
                vertx.cancelTimer(h.timer());
                send(h.response(), BoshBodies.empty());
                hold(rid, response);
                return;
            }
        }
        send(response, BoshBodies.terminate("item-not-found"));
        end();
    }

    private void process(Pending pending) {
        BoshRequest request = pending.request();
        hold(request.rid(), pending.response());
        if (!opened || request.restart()) {
            // XEP-0206 §3 and §5: creation and restart stand for the client's stream header.
            opened = true;
            stream.receive(FramedXml.clientOpen(settings.to(), settings.version()));
        }
        for (Element element : request.payload()) {
            if (stream.closed()) {
                break;
            }
            stream.receive(XmlWriter.toXml(element, null).getBytes(StandardCharsets.UTF_8));
        }
        if (request.terminate() && !stream.closed()) {
            stream.receive(FramedXml.clientClose()); // §13: ends the stream, then the session
        }
        while (held.size() > settings.hold()) {
            answer(held.pollFirst());
        }
        flush();
    }

    private void hold(long rid, HttpServerResponse response) {
        long timer = vertx.setTimer(Math.max(1, settings.waitMillis()),
                t -> context.runOnContext(v -> expire(rid)));
        held.addLast(new Held(rid, response, timer));
    }

    private void expire(long rid) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.rid() == rid) {
                it.remove();
                answer(h);
                idle();
                return;
            }
        }
    }

    /** The client gave up a request (closed its HTTP connection). */
    private void abandoned(HttpServerResponse response) {
        early.values().removeIf(p -> p.response() == response);
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.response() == response) {
                it.remove();
                vertx.cancelTimer(h.timer());
            }
        }
        idle();
    }

    /** Output is waiting: answer at the end of the current task, so one response carries it all. */
    void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> {
                flushScheduled = false;
                flush();
            });
        }
    }

    private void flush() {
        if (!held.isEmpty() && (connection.hasOutput() || stream.closed())) {
            answer(held.pollFirst());
            idle();
        }
    }

    private void answer(Held h) {
        vertx.cancelTimer(h.timer());
        StringBuilder attributes = new StringBuilder();
        if (!created) {
            created = true;
            attributes.append(BoshBodies.creationAttributes(sid, settings, connection.streamId()));
        }
        boolean terminate = stream.closed();
        if (terminate) {
            attributes.append(" type='terminate'");
            if (connection.sentStreamError()) {
                attributes.append(" condition='remote-stream-error'"); // XEP-0206 §7
            }
        }
        String body = BoshBodies.body(attributes.toString(), connection.takeOutput());
        answered.put(h.rid(), body);
        send(h.response(), body);
        if (terminate) {
            end();
        }
    }

    /** When nothing is held, the inactivity clock runs (§7.1 'inactivity'). */
    private void idle() {
        if (!ended && held.isEmpty() && early.isEmpty() && inactivityTimer < 0) {
            inactivityTimer = vertx.setTimer(settings.inactivityMillis(), t -> context.runOnContext(v -> {
                inactivityTimer = -1;
                if (!ended && held.isEmpty() && early.isEmpty()) {
                    end();
                }
            }));
        }
    }

    private void cancelInactivity() {
        if (inactivityTimer >= 0) {
            vertx.cancelTimer(inactivityTimer);
            inactivityTimer = -1;
        }
    }

    /** Ends the session: the stream is told its connection is gone, every open request is answered. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        cancelInactivity();
        String terminate = BoshBodies.terminate(null);
        for (Held h : held) {
            vertx.cancelTimer(h.timer());
            send(h.response(), terminate);
        }
        held.clear();
        early.values().forEach(p -> send(p.response(), terminate));
        early.clear();
        connection.ended();
        stream.connectionClosed();
        onEnd.run();
    }

    private static void send(HttpServerResponse response, String body) {
        if (!response.ended() && !response.closed()) {
            response.putHeader("Content-Type", BoshBodies.CONTENT_TYPE).end(body);
        }
    }
}
