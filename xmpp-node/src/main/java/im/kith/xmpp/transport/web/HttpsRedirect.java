package im.kith.xmpp.transport.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends plain-HTTP requests to HTTPS with 301, same host and path, the public HTTPS port. Left on plain
 * HTTP: ACME HTTP-01 challenges (RFC 8555 §8.3 requires port 80; certbot-acme serves them) and host-meta
 * (XEP-0156 §3, fetched before the client knows about TLS).
 */
@ApplicationScoped
public class HttpsRedirect {
    /** After the ACME challenge route (-1000), ahead of every other handler. */
    static final int ORDER = -900;
    static final String ACME_CHALLENGES = "/.well-known/acme-challenge/";
    static final String HOST_META = "/.well-known/host-meta";

    private final WebConfig config;
    private final WebAddresses addresses;

    public HttpsRedirect(WebConfig config, WebAddresses addresses) {
        this.config = config;
        this.addresses = addresses;
    }

    void install(@Observes Router router) {
        if (config.httpsRedirect()) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (ctx.request().isSSL() || path.startsWith(ACME_CHALLENGES) || path.startsWith(HOST_META)) {
            ctx.next();
            return;
        }
        String location = "https://" + addresses.httpsAuthority(addresses.requestedHost(ctx.request()))
                + ctx.request().path() + (ctx.request().query() == null ? "" : "?" + ctx.request().query());
        ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
    }
}
