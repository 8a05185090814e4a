package im.kith.xmpp.admin;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.support.Blocking;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Registers admin routes on the management router in one style: every route lives under
 * {@value #PREFIX}, reads its body (at most {@value #MAX_BODY} bytes), requires the bearer token of
 * {@link AdminToken}, runs its {@link AdminHandler} on a virtual thread and maps failures to JSON
 * errors:
 * <ul>
 * <li>{@link AdminException}: its status;</li>
 * <li>{@link AccountException}: 400 (invalid), 404 (not found), 409 (exists);</li>
 * <li>{@link IllegalArgumentException}: 400;</li>
 * <li>anything else: 500 with a generic message (details are logged).</li>
 * </ul>
 */
@ApplicationScoped
public class AdminApi {
    /** Path prefix of every admin route. */
    public static final String PREFIX = "/kith/api";
    /** Largest request body accepted (an import of some 100,000 accounts). */
    public static final long MAX_BODY = 8L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(AdminApi.class);

    private final AdminToken token;
    private final Blocking blocking;

    AdminApi(AdminToken token, Blocking blocking) {
        this.token = token;
        this.blocking = blocking;
    }

    /**
     * Adds a route.
     *
     * @param router  the management router, from {@code @Observes ManagementInterface}
     * @param method  HTTP method
     * @param path    path below {@value #PREFIX}, e.g. {@code /users/:user}
     * @param handler the work, run on a virtual thread
     */
    public void route(Router router, HttpMethod method, String path, AdminHandler handler) {
        // Vert.x orders body handling before authentication; the body is bounded and the API local-only.
        router.route(method, PREFIX + path)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(this::authorize)
                .handler(ctx -> dispatch(ctx, handler));
    }

    private void authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        if (!token.matches(presented)) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            send(ctx, error(401, "missing or wrong admin token (see " + token.file() + ")"));
            return;
        }
        ctx.next();
    }

    private void dispatch(RoutingContext ctx, AdminHandler handler) {
        Context context = Vertx.currentContext();
        blocking.supply(() -> handler.handle(new AdminRequest(ctx))).whenComplete((reply, failure) ->
                context.runOnContext(v -> send(ctx, failure == null ? reply : toReply(ctx, failure))));
    }

    private static AdminReply toReply(RoutingContext ctx, Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return switch (t) {
            case AdminException e -> error(e.status(), e.getMessage());
            case AccountException e -> error(switch (e.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case EXISTS -> 409;
            }, e.getMessage());
            case IllegalArgumentException e -> error(400, e.getMessage());
            default -> {
                LOG.errorf(t, "Admin request %s %s failed", ctx.request().method(), ctx.request().path());
                yield error(500, "internal error, see the node's log");
            }
        };
    }

    static AdminReply error(int status, String message) {
        return new AdminReply(status, new JsonObject().put("error", message), "error: " + message);
    }

    private static void send(RoutingContext ctx, AdminReply reply) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        boolean text = reply.text() != null && accept != null && accept.contains("text/plain")
                && !accept.contains("application/json");
        ctx.response().setStatusCode(reply.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, text ? "text/plain; charset=utf-8" : "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(text ? reply.text() + "\n" : reply.json().encode());
    }
}
