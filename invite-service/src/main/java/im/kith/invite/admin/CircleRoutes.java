package im.kith.invite.admin;

import java.util.List;
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
import im.kith.xmpp.ext.muc.MucRooms;
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
 * POST   /kith/api/circles/{name}/rooms              {"title": "Holidays"}: another group chat
 * DELETE /kith/api/circles/{name}/rooms/{room}       remove a room (not the last one)
 * </pre>
 */
@ApplicationScoped
public class CircleRoutes {
    private final AdminApi api;
    private final CircleService circles;
    private final MucRooms rooms;

    CircleRoutes(AdminApi api, CircleService circles, MucRooms rooms) {
        this.api = api;
        this.circles = circles;
        this.rooms = rooms;
    }

    void init(@Observes ManagementInterface management) {
        var router = management.router();
        api.route(router, HttpMethod.GET, "/circles", request -> list());
        api.route(router, HttpMethod.POST, "/circles", found(this::create));
        api.route(router, HttpMethod.DELETE, "/circles/:name", found(this::delete));
        api.route(router, HttpMethod.PUT, "/circles/:name/members/:user", found(this::add));
        api.route(router, HttpMethod.DELETE, "/circles/:name/members/:user", found(this::remove));
        api.route(router, HttpMethod.POST, "/circles/:name/rooms", found(this::addRoom));
        api.route(router, HttpMethod.DELETE, "/circles/:name/rooms/:room", found(this::removeRoom));
    }

    private AdminReply addRoom(AdminRequest request) {
        String name = request.pathParam("name");
        String room = circles.addRoom(name, request.requiredString(request.json(), "title"));
        String jid = rooms.roomJid(room).toString();
        return AdminReply.created(new JsonObject().put("circle", name).put("room", jid), "created room " + jid
                + " for " + name);
    }

    private AdminReply removeRoom(AdminRequest request) {
        String name = request.pathParam("name");
        String room = request.pathParam("room");
        String local = room.contains("@") ? room.substring(0, room.indexOf('@')) : room;
        circles.removeRoom(name, local);
        return AdminReply.ok(new JsonObject().put("circle", name).put("removed", local), "removed room " + local
                + " from " + name);
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
            List<String> jids = circles.rooms(c.name()).stream().map(r -> rooms.roomJid(r).toString()).toList();
            all.add(json(c).put("rooms", new JsonArray(jids)));
            text.append(c.name()).append(c.isDefault() ? " (default)" : "").append(": ")
                    .append(c.members().isEmpty() ? "no members" : String.join(", ", c.members()))
                    .append("; rooms: ").append(String.join(", ", jids)).append('\n');
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
