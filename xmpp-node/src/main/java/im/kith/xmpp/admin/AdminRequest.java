package im.kith.xmpp.admin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** An admin request as handlers see it: path parameters and the body, read before the handler runs. */
public final class AdminRequest {
    private final RoutingContext context;

    AdminRequest(RoutingContext context) {
        this.context = context;
    }

    /** A path parameter (already URL-decoded). @throws AdminException 400 if absent */
    public String pathParam(String name) {
        String value = context.pathParam(name);
        if (value == null || value.isEmpty()) {
            throw AdminException.badRequest("missing " + name);
        }
        return value;
    }

    /** A query parameter, or null. */
    public String queryParam(String name) {
        return context.queryParams().get(name);
    }

    /** The body as a JSON object. @throws AdminException 400 if it is not one */
    public JsonObject json() {
        String body = text();
        if (body.isBlank()) {
            throw AdminException.badRequest("expected a JSON object in the request body");
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw AdminException.badRequest("request body is not a JSON object");
        }
    }

    /** A string member of the JSON body. @throws AdminException 400 if missing or not a string */
    public String requiredString(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw AdminException.badRequest("missing string field \"" + name + "\"");
        }
        return s;
    }

    /** The body as UTF-8 text (empty if there is none). */
    public String text() {
        var body = context.body();
        return body == null || body.buffer() == null ? "" : body.asString("UTF-8");
    }
}
