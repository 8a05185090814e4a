package im.kith.xmpp.admin;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.status.NodeStatus;
import im.kith.xmpp.status.NodeStatusSource;
import im.kith.xmpp.status.StatusSection;
import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.s2s.DomainStatus;
import im.kith.xmpp.s2s.FederationStatus;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /kith/api/status} ({@code kithctl status}): the domain and number of accounts, plus what the
 * node's {@link NodeStatusSource} reports (version, listeners, sessions, certificate expiry) when there
 * is one, and the federation state per remote domain; without a status source the answer is shorter, not
 * an error.
 */
@ApplicationScoped
public class StatusRoutes {
    private static final Logger LOG = Logger.getLogger(StatusRoutes.class);

    private final AdminApi api;
    private final AccountService accounts;
    private final Instance<NodeStatusSource> source;
    private final NodeConfig config;
    private final FederationStatus federation;
    private final Instance<StatusSection> sections;

    StatusRoutes(AdminApi api, AccountService accounts, Instance<NodeStatusSource> source, NodeConfig config,
            FederationStatus federation, Instance<StatusSection> sections) {
        this.sections = sections;
        this.api = api;
        this.accounts = accounts;
        this.source = source;
        this.config = config;
        this.federation = federation;
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
        federation(json, text);
        for (StatusSection section : sections) {
            JsonObject fields = new JsonObject();
            text.append('\n').append(section.name()).append(':');
            section.fields().forEach((k, v) -> {
                fields.put(k, v);
                text.append("\n  ").append(k).append(": ").append(v);
            });
            json.put(section.name(), fields);
        }
        return AdminReply.ok(json, text.toString());
    }

    /**
     * Per remote domain: whether streams are up each way, how they authenticated, whether one
     * bidirectional connection (XEP-0288) carries both, the last error.
     */
    private void federation(JsonObject json, StringBuilder text) {
        JsonObject f = new JsonObject().put("enabled", config.federation());
        JsonArray domains = new JsonArray();
        text.append("\nfederation:  ").append(config.federation() ? "on" : "off");
        for (DomainStatus d : federation.domains()) {
            domains.add(new JsonObject().put("domain", d.domain()).put("outbound", d.outbound())
                    .put("outboundAuth", d.outboundAuth()).put("bidi", d.bidi()).put("inbound", d.inbound())
                    .put("inboundAuth", d.inboundAuth()).put("lastError", d.lastError())
                    .put("since", d.since().toString()));
            text.append("\n  ").append(d.domain())
                    .append("  out: ").append(d.outbound() ? "up (" + d.outboundAuth() + ")" : "down")
                    .append(d.bidi() ? "  bidirectional (one connection)" : "")
                    .append("  in: ").append(d.inbound() > 0 ? d.inbound() + " (" + d.inboundAuth() + ")" : "none");
            if (d.lastError() != null) {
                text.append("  last error: ").append(d.lastError());
            }
        }
        json.put("federation", f.put("domains", domains));
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
