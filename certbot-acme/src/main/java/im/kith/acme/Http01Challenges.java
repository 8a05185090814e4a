package im.kith.acme;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers HTTP-01 challenges (RFC 8555 §8.3) on the node's HTTP listener: while an order is being
 * validated, {@code GET /.well-known/acme-challenge/{token}} returns the key authorization for the token.
 * Lookups are a map read, so the handler runs on the event loop.
 */
@ApplicationScoped
public class Http01Challenges {
    /** The path prefix fixed by RFC 8555 §8.3. */
    public static final String PATH_PREFIX = "/.well-known/acme-challenge/";

    /** RFC 8555 §8.3: the token MUST only use the base64url alphabet, without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    private final ConcurrentMap<String, String> keyAuthorizations = new ConcurrentHashMap<>();

    /** Whether {@code token} is a well-formed challenge token. */
    public static boolean isToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** Serves {@code keyAuthorization} for {@code token} until {@link #withdraw}. */
    void publish(String token, String keyAuthorization) {
        if (!isToken(token)) {
            throw new IllegalArgumentException("challenge token outside the base64url alphabet");
        }
        keyAuthorizations.put(token, keyAuthorization);
    }

    void withdraw(String token) {
        keyAuthorizations.remove(token);
    }

    /** The key authorization published for {@code token}, if any. */
    public Optional<String> response(String token) {
        return isToken(token) ? Optional.ofNullable(keyAuthorizations.get(token)) : Optional.empty();
    }

    /** Answers one challenge request; runs on the event loop. */
    void handle(RoutingContext ctx) {
        Optional<String> body = response(ctx.pathParam("token"));
        if (body.isEmpty()) {
            // Unknown or malformed token: a fixed answer that never reflects the request.
            ctx.response().setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end("no such challenge\n");
            return;
        }
        // RFC 8555 §8.3: the body is the key authorization, as ASCII.
        ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.get());
    }
}
