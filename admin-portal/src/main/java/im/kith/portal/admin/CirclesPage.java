package im.kith.portal.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import im.kith.invite.circle.CircleService;
import im.kith.portal.web.Guard;
import im.kith.portal.web.Pages;
import im.kith.portal.web.PortalMessages;
import im.kith.portal.web.Texts;
import im.kith.portal.web.Viewer;
import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.ext.muc.MucRooms;

/** {@code /portal/admin/circles}: circles of the invite service; create, delete, add and remove members. */
@Path(Pages.ROOT + "/admin/circles")
@Blocking
public class CirclesPage {
    private final Guard guard;
    private final Pages pages;
    private final Texts texts;
    private final CircleService circles;
    private final AccountService accounts;
    private final Template list;
    private final MucRooms rooms;

    CirclesPage(Guard guard, Pages pages, Texts texts, CircleService circles, AccountService accounts,
            MucRooms rooms, @Location("portal/admin/circles.html") Template list) {
        this.rooms = rooms;
        this.guard = guard;
        this.pages = pages;
        this.texts = texts;
        this.circles = circles;
        this.accounts = accounts;
        this.list = list;
    }

    /** A circle as listed. */
    @TemplateData
    public record CircleRow(String name, boolean isDefault, List<String> members, List<RoomRow> rooms) {
    }

    /** One of a circle's rooms: its localpart (for the form) and its address (to show). */
    @TemplateData
    public record RoomRow(String localpart, String jid) {
    }

    @GET
    public Response show(@QueryParam("done") String done, @QueryParam("name") String name,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.admin(headers, request);
        PortalMessages m = texts.in(v.locale());
        String shown = name == null ? "" : name;
        String info = done == null ? null : switch (done) {
            case "created" -> m.circleCreated(shown);
            case "deleted" -> m.circleDeleted(shown);
            case "updated" -> m.circleUpdated(shown);
            default -> null;
        };
        return page(200, v, info, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("csrf") String csrf,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        try {
            return done("created", circles.create(name).name());
        } catch (IllegalArgumentException e) {
            return page(400, v, null, e.getMessage());
        }
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@FormParam("name") String name, @FormParam("csrf") String csrf,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        run(v, () -> circles.delete(name));
        return done("deleted", name);
    }

    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response members(@FormParam("name") String name, @FormParam("member") String member,
            @FormParam("action") String action, @FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        if ("remove".equals(action)) {
            run(v, () -> circles.removeMember(name, member));
        } else {
            run(v, () -> circles.addMember(name, member));
        }
        return done("updated", name);
    }

    /** Adds a group chat to a circle, or removes one (a circle keeps its last room). */
    @POST
    @Path("rooms")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rooms(@FormParam("name") String name, @FormParam("title") String title,
            @FormParam("room") String room, @FormParam("action") String action, @FormParam("csrf") String csrf,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        if ("remove".equals(action)) {
            run(v, () -> circles.removeRoom(name, room));
        } else {
            run(v, () -> circles.addRoom(name, title));
        }
        return done("updated", name);
    }

    private void run(Viewer v, Runnable change) {
        try {
            change.run();
        } catch (NoSuchElementException e) {
            throw pages.problem(404, v, e.getMessage());
        } catch (IllegalArgumentException | AccountException e) {
            throw pages.problem(400, v, e.getMessage());
        }
    }

    private Response done(String what, String name) {
        return pages.redirect(Pages.ROOT + "/admin/circles?done=" + what + "&name="
                + URLEncoder.encode(name == null ? "" : name, StandardCharsets.UTF_8));
    }

    private Response page(int status, Viewer v, String info, String error) {
        List<CircleRow> rows = circles.list().stream()
                .map(c -> new CircleRow(c.name(), c.isDefault(), c.members(), circles.rooms(c.name()).stream()
                        .map(r -> new RoomRow(r, rooms.roomJid(r).toString())).toList())).toList();
        List<String> names = accounts.list().stream().map(a -> a.localpart()).toList();
        return pages.html(status, list.data("rows", rows).data("accounts", names).data("info", info)
                .data("error", error), v.locale(), v).build();
    }
}
