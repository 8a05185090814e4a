package im.kith.xmpp.admin;

import io.vertx.core.json.JsonObject;

/**
 * The answer to an admin request: a JSON object, and the same information as lines of text for clients
 * that ask with {@code Accept: text/plain} (such as kithctl, which must not need a JSON parser).
 *
 * @param status HTTP status
 * @param json   the JSON body
 * @param text   the text body, without trailing newline; null to send the JSON in both cases
 */
public record AdminReply(int status, JsonObject json, String text) {

    public static AdminReply ok(JsonObject json, String text) {
        return new AdminReply(200, json, text);
    }

    public static AdminReply created(JsonObject json, String text) {
        return new AdminReply(201, json, text);
    }
}
