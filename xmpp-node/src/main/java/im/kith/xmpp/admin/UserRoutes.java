package im.kith.xmpp.admin;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.ImportFormat;
import im.kith.xmpp.account.ImportResult;
import im.kith.xmpp.account.Role;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Account administration ({@code kithctl user ...}):
 * <pre>
 * GET    /kith/api/users                     list
 * POST   /kith/api/users                     {"user": "alice", "password": "...", "role": "admin"}  (role optional, default user)
 * PUT    /kith/api/users/{user}/password     {"password": "..."}
 * DELETE /kith/api/users/{user}
 * POST   /kith/api/users/import              the import file as the body, one "localpart password" per line;
 *                                            with ?format=scram, "localpart MECH:ITER:SALT:STORED:SERVER ..." lines
 * </pre>
 * {@code user} is a localpart or a bare JID of the served domain.
 */
@ApplicationScoped
public class UserRoutes {
    private final AdminApi api;
    private final AccountService accounts;

    UserRoutes(AdminApi api, AccountService accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    void init(@Observes ManagementInterface management) {
        var router = management.router();
        api.route(router, HttpMethod.GET, "/users", request -> list());
        api.route(router, HttpMethod.POST, "/users/import", this::importFile);
        api.route(router, HttpMethod.POST, "/users", this::add);
        api.route(router, HttpMethod.PUT, "/users/:user/password", this::passwd);
        api.route(router, HttpMethod.DELETE, "/users/:user", this::delete);
    }

    private AdminReply list() {
        JsonArray users = new JsonArray();
        List<String> lines = new ArrayList<>();
        for (Account a : accounts.list()) {
            users.add(json(a));
            lines.add(String.format("%-40s %-7s %s", a.jid(), a.role().name().toLowerCase(Locale.ROOT),
                    a.disabled() ? "disabled" : "").stripTrailing());
        }
        return AdminReply.ok(new JsonObject().put("users", users),
                lines.isEmpty() ? "no accounts" : String.join("\n", lines));
    }

    private AdminReply add(AdminRequest request) {
        JsonObject body = request.json();
        String user = request.requiredString(body, "user");
        String password = request.requiredString(body, "password");
        Role role = role(body.getValue("role"));
        Account account = accounts.create(user, password, role);
        return AdminReply.created(json(account),
                "created " + account.jid() + " (" + role.name().toLowerCase(Locale.ROOT) + ")");
    }

    private AdminReply passwd(AdminRequest request) {
        String password = request.requiredString(request.json(), "password");
        String localpart = accounts.localpartOf(request.pathParam("user"));
        accounts.changePassword(localpart, password);
        String jid = localpart + "@" + accounts.domain();
        return AdminReply.ok(new JsonObject().put("jid", jid), "password of " + jid + " changed");
    }

    private AdminReply delete(AdminRequest request) {
        String localpart = accounts.localpartOf(request.pathParam("user"));
        String jid = localpart + "@" + accounts.domain();
        if (!accounts.delete(localpart)) {
            throw AdminException.notFound("no account " + jid);
        }
        return AdminReply.ok(new JsonObject().put("deleted", jid), "deleted " + jid);
    }

    private AdminReply importFile(AdminRequest request) {
        String body = request.text();
        if (body.isBlank()) {
            throw AdminException.badRequest("the import file is empty");
        }
        ImportResult result = accounts.importAccounts(new StringReader(body), format(request.queryParam("format")));
        JsonArray skipped = new JsonArray();
        StringBuilder text = new StringBuilder("created " + result.created() + " accounts in "
                + result.elapsed().toMillis() + " ms");
        for (ImportResult.Skipped s : result.skipped()) {
            skipped.add(new JsonObject().put("line", s.line()).put("name", s.name()).put("reason", s.reason()));
            text.append("\nline ").append(s.line()).append(" (").append(s.name()).append("): ").append(s.reason());
        }
        JsonObject json = new JsonObject().put("created", result.created()).put("skipped", skipped)
                .put("elapsedMs", result.elapsed().toMillis());
        return AdminReply.ok(json, text.toString());
    }

    private static ImportFormat format(String value) {
        if (value == null || value.equals("passwords")) {
            return ImportFormat.PASSWORDS;
        }
        if (value.equals("scram")) {
            return ImportFormat.SCRAM;
        }
        throw AdminException.badRequest("unknown import format '" + value + "' (passwords or scram)");
    }

    private static Role role(Object value) {
        if (value == null) {
            return Role.USER;
        }
        if (value instanceof String s) {
            for (Role r : Role.values()) {
                if (r.name().equalsIgnoreCase(s)) {
                    return r;
                }
            }
        }
        throw AdminException.badRequest("role must be one of limited, user, admin");
    }

    private static JsonObject json(Account a) {
        return new JsonObject()
                .put("localpart", a.localpart())
                .put("jid", a.jid().toString())
                .put("role", a.role().name().toLowerCase(Locale.ROOT))
                .put("disabled", a.disabled())
                .put("createdAt", a.createdAt().toString());
    }
}
