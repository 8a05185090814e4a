package im.kith.invite.admin;

import java.util.NoSuchElementException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import im.kith.invite.circle.CircleService;
import im.kith.invite.circle.CircleView;
import im.kith.xmpp.admin.AdminApi;
import im.kith.xmpp.admin.AdminException;
import im.kith.xmpp.admin.AdminHandler;
import im.kith.xmpp.admin.AdminReply;
import im.kith.xmpp.admin.AdminRequest;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Circle administration ({@code kithctl circle ...}):
 * <pre>
 * GET    /kith/api/circles                          list with members
 * POST   /kith/api/circles                          {"name": "Family"}
 * DELETE /kith/api/circles/{name}                   (not the default circle)
 * PUT    /kith/api/circles/{name}/members/{user}    add a member
 * DELETE /kith/api/circles/{name}/members/{user}    remove a member
 * </pre>
 */
@ApplicationScoped
public class CircleRoutes {
    private final AdminApi api;
    private final CircleService circles;

    CircleRoutes(AdminApi api, CircleService circles) {
        this.api = api;
        this.circles = circles;
    }

    void init(@Observes ManagementInterface management) {
        var router = management.router();
        api.route(router, HttpMethod.GET, "/circles", request -> list());
        api.route(router, HttpMethod.POST, "/circles", found(this::create));
        api.route(router, HttpMethod.DELETE, "/circles/:name", found(this::delete));
        api.route(router, HttpMethod.PUT, "/circles/:name/members/:user", found(this::add));
        api.route(router, HttpMethod.DELETE, "/circles/:name/members/:user", found(this::remove));
    }

    /** Maps "no such circle or account" to 404. */
    private static AdminHandler found(AdminHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (NoSuchElementException e) {
                throw AdminException.notFound(e.getMessage());
            }
        };
    }

    private AdminReply list() {
        JsonArray all = new JsonArray();
        StringBuilder text = new StringBuilder();
        for (CircleView c : circles.list()) {
            all.add(json(c));
            text.append(c.name()).append(c.isDefault() ? " (default)" : "").append(": ")
                    .append(c.members().isEmpty() ? "no members" : String.join(", ", c.members())).append('\n');
        }
        return AdminReply.ok(new JsonObject().put("circles", all), text.toString().stripTrailing());
    }

    private AdminReply create(AdminRequest request) {
        CircleView c = circles.create(request.requiredString(request.json(), "name"));
        return AdminReply.created(json(c), "created circle " + c.name());
    }

    private AdminReply delete(AdminRequest request) {
        String name = request.pathParam("name");
        circles.delete(name);
        return AdminReply.ok(new JsonObject().put("deleted", name), "deleted circle " + name);
    }

    private AdminReply add(AdminRequest request) {
        String name = request.pathParam("name");
        String user = request.pathParam("user");
        boolean added = circles.addMember(name, user);
        return AdminReply.ok(new JsonObject().put("circle", name).put("member", user).put("changed", added),
                added ? user + " joined " + name : user + " is a member of " + name + " already");
    }

    private AdminReply remove(AdminRequest request) {
        String name = request.pathParam("name");
        String user = request.pathParam("user");
        if (!circles.removeMember(name, user)) {
            throw AdminException.notFound(user + " is no member of " + name);
        }
        return AdminReply.ok(new JsonObject().put("circle", name).put("removed", user), user + " left " + name);
    }

    private static JsonObject json(CircleView c) {
        return new JsonObject().put("name", c.name()).put("default", c.isDefault())
                .put("members", new JsonArray(c.members()));
    }
}
