package im.kith.invite.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteView;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.admin.AdminApi;
import im.kith.xmpp.admin.AdminException;
import im.kith.xmpp.admin.AdminReply;
import im.kith.xmpp.admin.AdminRequest;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Invite administration ({@code kithctl invite ...}) on the management interface:
 * <pre>
 * POST   /kith/api/invites          {"kind": "account|circle|contact|reset|admin", "uses": 1, "expires": "P7D",
 *                                    "user": "...", "role": "limited|user|admin", "circles": [...],
 *                                    "inviter": "...", "note": "..."}   (all optional; kind defaults to account)
 * GET    /kith/api/invites          list, newest first
 * DELETE /kith/api/invites/{id}     revoke
 * </pre>
 * Creating answers with the landing-page URL and the xmpp: URI; the token is shown only then.
 */
@ApplicationScoped
public class InviteRoutes {
    private final AdminApi api;
    private final InviteService invites;
    private final Clock clock;

    InviteRoutes(AdminApi api, InviteService invites, Clock clock) {
        this.api = api;
        this.invites = invites;
        this.clock = clock;
    }

    void init(@Observes ManagementInterface management) {
        var router = management.router();
        api.route(router, HttpMethod.POST, "/invites", this::create);
        api.route(router, HttpMethod.GET, "/invites", request -> list());
        api.route(router, HttpMethod.DELETE, "/invites/:id", this::revoke);
    }

    private AdminReply create(AdminRequest request) {
        JsonObject body = request.text().isBlank() ? new JsonObject() : request.json();
        String kindName = body.getString("kind", "account").toLowerCase(Locale.ROOT);
        List<String> circles = strings(body.getValue("circles"));
        InviteKind kind = switch (kindName) {
            case "account", "circle" -> InviteKind.ACCOUNT;
            case "contact" -> InviteKind.CONTACT;
            case "reset" -> InviteKind.RESET;
            case "admin" -> InviteKind.ADMIN;
            default -> throw AdminException.badRequest("kind must be account, circle, contact, reset or admin");
        };
        if (kindName.equals("circle") && circles.isEmpty()) {
            throw AdminException.badRequest("a circle invite needs at least one circle");
        }
        CreatedInvite created = invites.create(new InviteRequest(kind, role(body.getValue("role")),
                string(body, "user"), string(body, "inviter"), "admin-api", string(body, "note"),
                integer(body, "uses", 1), duration(string(body, "expires")), circles));
        JsonObject json = json(created.invite()).put("url", created.landingUrl()).put("uri", created.xmppUri());
        return AdminReply.created(json, created.landingUrl() + "\n" + created.xmppUri());
    }

    private AdminReply list() {
        JsonArray all = new JsonArray();
        StringBuilder text = new StringBuilder();
        for (InviteView i : invites.list()) {
            all.add(json(i));
            text.append(String.format("%-6d %-8s %-10s %d/%d  expires %s%s%s%n", i.id(),
                    i.kind().name().toLowerCase(Locale.ROOT), state(i), i.uses(), i.maxUses(), i.expiresAt(),
                    i.username() == null ? "" : "  user " + i.username(),
                    i.circles().isEmpty() ? "" : "  circles " + String.join(",", i.circles())));
        }
        return AdminReply.ok(new JsonObject().put("invites", all),
                text.isEmpty() ? "no invites" : text.toString().stripTrailing());
    }

    private AdminReply revoke(AdminRequest request) {
        long id;
        try {
            id = Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("an invite id is a number");
        }
        if (!invites.revoke(id)) {
            throw AdminException.notFound("no open invite " + id);
        }
        return AdminReply.ok(new JsonObject().put("revoked", id), "revoked invite " + id);
    }

    private String state(InviteView i) {
        return switch (i.state(clock.instant())) {
            case im.kith.invite.store.InviteState.Open o -> "open";
            case im.kith.invite.store.InviteState.Expired e -> "expired";
            case im.kith.invite.store.InviteState.UsedUp u -> "used";
            case im.kith.invite.store.InviteState.Revoked r -> "revoked";
        };
    }

    static JsonObject json(InviteView i) {
        return new JsonObject().put("id", i.id()).put("kind", i.kind().name().toLowerCase(Locale.ROOT))
                .put("role", i.role().name().toLowerCase(Locale.ROOT)).put("user", i.username())
                .put("inviter", i.inviter()).put("createdBy", i.createdBy()).put("note", i.note())
                .put("uses", i.uses()).put("maxUses", i.maxUses()).put("createdAt", i.createdAt().toString())
                .put("expiresAt", i.expiresAt().toString())
                .put("revokedAt", i.revokedAt() == null ? null : i.revokedAt().toString())
                .put("circles", new JsonArray(i.circles()));
    }

    private static String string(JsonObject body, String name) {
        Object v = body.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw AdminException.badRequest("\"" + name + "\" must be a string");
        }
        return s;
    }

    private static int integer(JsonObject body, String name, int otherwise) {
        Object v = body.getValue(name);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Number n)) {
            throw AdminException.badRequest("\"" + name + "\" must be a number");
        }
        return n.intValue();
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray a)) {
            throw AdminException.badRequest("\"circles\" must be a list of names");
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s)) {
                throw AdminException.badRequest("\"circles\" must be a list of names");
            }
            out.add(s);
        }
        return out;
    }

    /** An ISO-8601 duration (P7D, PT12H) or a short form: 12h, 7d, 2w. */
    static Duration duration(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                case 'w' -> Duration.ofDays(7 * n);
                default -> throw AdminException.badRequest("expires: use e.g. 12h, 7d, 2w or P7D");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw AdminException.badRequest("expires: use e.g. 12h, 7d, 2w or P7D");
        }
    }

    private static Role role(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            for (Role r : Role.values()) {
                if (r.name().equalsIgnoreCase(s) || s.equalsIgnoreCase("normal") && r == Role.USER) {
                    return r;
                }
            }
        }
        throw AdminException.badRequest("role must be one of limited, normal, admin");
    }
}
