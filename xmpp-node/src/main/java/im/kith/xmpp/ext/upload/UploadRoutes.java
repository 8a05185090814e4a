package im.kith.xmpp.ext.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.support.Blocking;

/**
 * The HTTP side of XEP-0363 (§5): PUT into a slot, streamed to disk; GET and HEAD of stored files with
 * headers that keep browsers from running them; CORS for web clients. Database look-ups run through
 * {@link Blocking}, file I/O on Vert.x's asynchronous file system; no body is held in memory.
 */
@ApplicationScoped
class UploadRoutes {
    private static final Logger LOG = Logger.getLogger(UploadRoutes.class);
    private static final String PATH = SlotService.PATH_PREFIX + ":id/:name";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final SlotService slots;
    private final UploadStore store;
    private final Blocking blocking;
    private final FeatureRegistry features;

    UploadRoutes(SlotService slots, UploadStore store, Blocking blocking, FeatureRegistry features) {
        this.slots = slots;
        this.store = store;
        this.blocking = blocking;
        this.features = features;
    }

    void createDirectory(@Observes StartupEvent event) throws IOException {
        Files.createDirectories(slots.directory());
    }

    void routes(@Observes Router router) {
        if (!features.enabled().contains("upload")) {
            return;
        }
        router.route(HttpMethod.OPTIONS, PATH).handler(this::preflight);
        router.route(HttpMethod.PUT, PATH).handler(this::put);
        router.route(HttpMethod.GET, PATH).handler(this::get);
        router.route(HttpMethod.HEAD, PATH).handler(this::get);
    }

    /** CORS preflight: web clients PUT with the slot's Authorization header and a Content-Type. */
    private void preflight(RoutingContext ctx) {
        cors(ctx.response())
                .putHeader("Access-Control-Allow-Methods", "GET, HEAD, PUT, OPTIONS")
                .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Length")
                .putHeader("Access-Control-Max-Age", "86400")
                .setStatusCode(204).end();
    }

    private void put(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            reject(ctx, new PutVerdict.Reject(404, "no such upload slot"));
            return;
        }
        onLoop(blocking.supply(() -> store.find(id)), ctx, found -> {
            Optional<Slot> slot = found.filter(s -> s.fileName().equals(ctx.pathParam("name")));
            boolean authorized = slot.isPresent()
                    && slots.authorized(slot.get(), request.getHeader(HttpHeaders.AUTHORIZATION));
            PutVerdict verdict = PutVerdict.of(slot, authorized, request.getHeader(HttpHeaders.CONTENT_LENGTH),
                    request.getHeader(HttpHeaders.CONTENT_TYPE), slots.now());
            switch (verdict) {
                case PutVerdict.Reject r -> reject(ctx, r);
                case PutVerdict.Accept a -> onLoop(
                        blocking.supply(() -> store.transition(id, SlotState.PENDING, SlotState.UPLOADING)), ctx,
                        claimed -> {
                            if (claimed) {
                                receive(ctx, a.slot());
                            } else {
                                reject(ctx, new PutVerdict.Reject(409, "this slot has already been used"));
                            }
                        });
            }
        });
    }

    /** Streams the body into the slot's part file, then moves it into place. */
    private void receive(RoutingContext ctx, Slot slot) {
        FileSystem fs = ctx.vertx().fileSystem();
        String part = slots.partFile(slot.id()).toString();
        fs.open(part, new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                .compose(file -> ctx.request().pipeTo(file).map(v -> file.getWritePos()))
                .compose(written -> written == slot.size()
                        ? fs.move(part, slots.file(slot.id()).toString()).map(true)
                        : io.vertx.core.Future.succeededFuture(false))
                .onComplete(done -> {
                    if (done.succeeded() && done.result()) {
                        onLoop(blocking.supply(() -> store.transition(slot.id(), SlotState.UPLOADING, SlotState.STORED)),
                                ctx, ok -> cors(ctx.response()).setStatusCode(201).end());
                    } else {
                        if (done.failed()) {
                            LOG.debugf("upload to slot %s failed: %s", slot.id(), done.cause().getMessage());
                        }
                        fs.delete(part);
                        blocking.run(() -> store.transition(slot.id(), SlotState.UPLOADING, SlotState.PENDING));
                        if (!ctx.response().ended() && !ctx.response().closed()) {
                            reject(ctx, new PutVerdict.Reject(400, "the body did not have the announced size"));
                        }
                    }
                });
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            notFound(ctx);
            return;
        }
        onLoop(blocking.supply(() -> store.find(id)), ctx, found -> {
            Optional<Slot> slot = found.filter(s -> s.state() == SlotState.STORED
                    && s.fileName().equals(ctx.pathParam("name")));
            if (slot.isEmpty()) {
                notFound(ctx);
                return;
            }
            Slot s = slot.get();
            HttpServerResponse response = cors(ctx.response())
                    .putHeader(HttpHeaders.CONTENT_TYPE, s.contentType())
                    // Stored files are never run as pages of this origin, nor sniffed into something else.
                    .putHeader("Content-Security-Policy", "sandbox")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Disposition",
                            (s.inline() ? "inline" : "attachment") + "; filename=\"" + s.fileName() + "\"");
            if (ctx.request().method() == HttpMethod.HEAD) {
                response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(s.size())).end();
                return;
            }
            response.sendFile(slots.file(s.id()).toString()).onFailure(e -> {
                if (!response.headWritten()) {
                    response.headers().remove("Content-Disposition");
                    notFound(ctx);
                }
            });
        });
    }

    private static HttpServerResponse cors(HttpServerResponse response) {
        return response.putHeader("Access-Control-Allow-Origin", "*");
    }

    private static void notFound(RoutingContext ctx) {
        text(ctx, 404, "no such file");
    }

    /** Refuses a PUT; the unread body is not waited for: the connection closes after the answer. */
    private static void reject(RoutingContext ctx, PutVerdict.Reject reject) {
        if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        text(ctx, reject.status(), reject.message());
        ctx.request().resume();
    }

    private static void text(RoutingContext ctx, int status, String message) {
        cors(ctx.response()).setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(message + "\n");
    }

    /** Continues on the request's event loop once blocking work is done; failures answer 500. */
    private static <T> void onLoop(CompletionStage<T> work, RoutingContext ctx, Consumer<T> next) {
        Context context = Vertx.currentContext();
        work.whenComplete((value, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.error("upload request failed", failure);
                if (!ctx.response().ended()) {
                    text(ctx, 500, "internal error");
                }
                return;
            }
            next.accept(value);
        }));
    }
}
