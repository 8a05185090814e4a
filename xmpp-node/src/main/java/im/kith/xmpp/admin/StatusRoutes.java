package im.kith.xmpp.admin;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.status.NodeStatus;
import im.kith.xmpp.status.NodeStatusSource;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /kith/api/status} ({@code kithctl status}): the domain and number of accounts, plus what the
 * node's {@link NodeStatusSource} reports (version, listeners, sessions, certificate expiry) when there
 * is one; without it the answer is shorter, not an error.
 */
@ApplicationScoped
public class StatusRoutes {
    private static final Logger LOG = Logger.getLogger(StatusRoutes.class);

    private final AdminApi api;
    private final AccountService accounts;
    private final Instance<NodeStatusSource> source;

    StatusRoutes(AdminApi api, AccountService accounts, Instance<NodeStatusSource> source) {
        this.api = api;
        this.accounts = accounts;
        this.source = source;
    }

    void init(@Observes ManagementInterface management) {
        api.route(management.router(), HttpMethod.GET, "/status", request -> status());
    }

    private AdminReply status() {
        JsonObject json = new JsonObject().put("running", true).put("domain", accounts.domain())
                .put("accounts", accounts.count());
        StringBuilder text = new StringBuilder("Kith is running\ndomain:      " + accounts.domain()
                + "\naccounts:    " + accounts.count());
        Optional<NodeStatus> node = current();
        node.ifPresent(s -> {
            json.put("version", s.version()).put("listeners", new JsonArray(s.listeners()))
                    .put("sessions", s.sessions());
            text.append("\nversion:     ").append(s.version())
                    .append("\nsessions:    ").append(s.sessions());
            s.listeners().forEach(l -> text.append("\nlistener:    ").append(l));
            s.certificateNotAfter().ifPresent(t -> {
                json.put("certificateNotAfter", t.toString());
                text.append("\ncertificate: valid until ").append(t);
            });
        });
        return AdminReply.ok(json, text.toString());
    }

    private Optional<NodeStatus> current() {
        if (!source.isResolvable()) {
            return Optional.empty();
        }
        try {
            return Optional.of(source.get().current());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Node status unavailable");
            return Optional.empty();
        }
    }
}
