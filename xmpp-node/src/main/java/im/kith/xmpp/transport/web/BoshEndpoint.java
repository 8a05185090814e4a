package im.kith.xmpp.transport.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.session.SessionServices;
import im.kith.xmpp.xml.XmlFrameDecoder;
import im.kith.xmpp.xml.XmlLimits;

/**
 * BOSH (XEP-0124, XEP-0206) at {@value #PATH}: POSTed {@code <body/>} requests, answered with
 * {@code <body/>}s, with CORS headers so that browser clients on other origins may use it (the allowed
 * origins are configured). Session ids carry 160 random bits, unpredictable as §7.1 requires.
 * Unparseable requests get HTTP 400; session-level failures a terminal binding condition (§17.2).
 */
@ApplicationScoped
public class BoshEndpoint {
    static final String PATH = "/http-bind";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The 'wait' used when the client names none (§7.1 makes it required; some clients omit it). */
    private static final int DEFAULT_WAIT_SECONDS = 60;

    private final Vertx vertx;
    private final WebConfig config;
    private final NodeConfig node;
    private final SessionServices services;
    private final PendingPerIp pendingPerIp;
    private final XmlLimits bodyLimits;
    private final Map<String, BoshSession> sessions = new ConcurrentHashMap<>();

    public BoshEndpoint(Vertx vertx, WebConfig config, NodeConfig node, SessionServices services,
            PendingPerIp pendingPerIp) {
        this.vertx = vertx;
        this.config = config;
        this.node = node;
        this.services = services;
        this.pendingPerIp = pendingPerIp;
        this.bodyLimits = new XmlLimits(config.bosh().maxBodyBytes(), node.limits().depth() + 1,
                node.limits().attributes());
    }

    void install(@Observes Router router) {
        router.route(PATH).method(HttpMethod.OPTIONS).handler(this::preflight);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(config.bosh().maxBodyBytes()))
                .handler(this::request);
        router.route(PATH).handler(ctx -> cors(ctx).setStatusCode(405)
                .putHeader(HttpHeaders.ALLOW, "POST, OPTIONS").end());
    }

    private void preflight(RoutingContext ctx) {
        cors(ctx).putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400")
                .setStatusCode(204).end();
    }

    private HttpServerResponse cors(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        List<String> allowed = config.bosh().allowedOrigins();
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (allowed.contains("*")) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else if (origin != null && allowed.contains(origin)) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).putHeader(HttpHeaders.VARY, "Origin");
        }
        return response;
    }

    private void request(RoutingContext ctx) {
        HttpServerResponse response = cors(ctx).putHeader(HttpHeaders.CONTENT_TYPE, BoshBodies.CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!WebAddresses.carriesXmpp(ctx.request())) {
            response.setStatusCode(403).end(BoshBodies.terminate("policy-violation"));
            return;
        }
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        BoshRequest request;
        try {
            request = switch (XmlFrameDecoder.parse(bytes, bodyLimits)) {
                case XmlFrameDecoder.Parsed p -> BoshRequest.of(p.element());
                case XmlFrameDecoder.Empty e -> throw new IllegalArgumentException("empty request");
                case XmlFrameDecoder.Invalid i -> throw new IllegalArgumentException(i.detail());
            };
        } catch (IllegalArgumentException e) {
            response.setStatusCode(400).end(BoshBodies.terminate("bad-request"));
            return;
        }
        if (request.sid() == null) {
            create(ctx, request, bytes.length, response);
            return;
        }
        BoshSession session = sessions.get(request.sid());
        if (session == null) {
            response.end(BoshBodies.terminate("item-not-found"));
            return;
        }
        session.context().runOnContext(v -> session.receive(request, bytes.length, response));
    }

    /** §7.1 session creation: the client's wishes are capped by the server's limits. */
    private void create(RoutingContext ctx, BoshRequest request, int bytes, HttpServerResponse response) {
        if (request.to() == null) {
            response.setStatusCode(400).end(BoshBodies.terminate("bad-request"));
            return;
        }
        String ip = ctx.request().remoteAddress().hostAddress();
        Runnable slot = pendingPerIp.acquire(ip);
        if (slot == null) {
            response.end(BoshBodies.terminate("policy-violation"));
            return;
        }
        long maxWait = config.bosh().maxWait().toSeconds();
        long wait = Math.min(request.waitSeconds().orElse(DEFAULT_WAIT_SECONDS), maxWait);
        int hold = Math.min(request.hold().orElse(1), 1);
        BoshSession.Settings settings = new BoshSession.Settings(request.to(),
                request.version() == null ? "1.0" : request.version(), Math.max(1, wait) * 1000, hold,
                config.bosh().inactivity().toMillis());
        String sid = newSid();
        BoshSession session = new BoshSession(sid, vertx, vertx.getOrCreateContext(), settings, services,
                address(ip), slot, () -> sessions.remove(sid));
        sessions.put(sid, session);
        session.start(request, bytes, response);
    }

    private static String newSid() {
        byte[] bits = new byte[20];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** Open BOSH sessions. */
    public int sessions() {
        return sessions.size();
    }
}
