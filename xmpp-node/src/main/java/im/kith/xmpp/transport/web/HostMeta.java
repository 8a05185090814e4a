package im.kith.xmpp.transport.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import im.kith.xmpp.xml.XmlWriter;

/**
 * XEP-0156 §3: {@code /.well-known/host-meta} (XRD, RFC 6415) and {@code /.well-known/host-meta.json}
 * announce the WebSocket (RFC 7395 §4) and BOSH endpoints, so that web clients find them from the
 * domain alone. Readable cross-origin (XEP-0156 §3.2 recommends CORS).
 */
@ApplicationScoped
public class HostMeta {
    static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
    static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";

    private final WebAddresses addresses;

    public HostMeta(WebAddresses addresses) {
        this.addresses = addresses;
    }

    void install(@Observes Router router) {
        router.get(HttpsRedirect.HOST_META).handler(this::xrd);
        router.get(HttpsRedirect.HOST_META + ".json").handler(this::json);
    }

    private String authority() {
        return addresses.httpsAuthority(addresses.domain());
    }

    private void xrd(RoutingContext ctx) {
        String authority = XmlWriter.escape(authority());
        String body = "<?xml version='1.0' encoding='utf-8'?>\n"
                + "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n"
                + "  <Link rel='" + WEBSOCKET_REL + "' href='wss://" + authority + XmppWebSocket.PATH + "'/>\n"
                + "  <Link rel='" + BOSH_REL + "' href='https://" + authority + BoshEndpoint.PATH + "'/>\n"
                + "</XRD>\n";
        send(ctx, "application/xrd+xml; charset=utf-8", body);
    }

    private void json(RoutingContext ctx) {
        String authority = authority();
        JsonObject body = new JsonObject().put("links", new JsonArray()
                .add(new JsonObject().put("rel", WEBSOCKET_REL).put("href", "wss://" + authority + XmppWebSocket.PATH))
                .add(new JsonObject().put("rel", BOSH_REL).put("href", "https://" + authority + BoshEndpoint.PATH)));
        send(ctx, "application/json", body.encode());
    }

    private static void send(RoutingContext ctx, String contentType, String body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=3600")
                .end(body);
    }
}
