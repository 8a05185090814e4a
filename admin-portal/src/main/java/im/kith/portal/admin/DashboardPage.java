package im.kith.portal.admin;

import java.util.List;
import java.util.Locale;

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

import im.kith.acme.AcmeState;
import im.kith.acme.AcmeStatus;
import im.kith.acme.AcmeStatusView;
import im.kith.acme.CertificateManager;
import im.kith.portal.web.Guard;
import im.kith.portal.web.Pages;
import im.kith.portal.web.PortalMessages;
import im.kith.portal.web.Texts;
import im.kith.portal.web.Viewer;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.s2s.FederationStatus;
import im.kith.xmpp.status.NodeStatus;
import im.kith.xmpp.status.NodeStatusSource;

/** {@code /portal/admin}: version, domain, listeners, sessions, certificate and federation state. */
@Path(Pages.ROOT + "/admin")
@Blocking
public class DashboardPage {
    private final Guard guard;
    private final Pages pages;
    private final Texts texts;
    private final NodeStatusSource node;
    private final AccountService accounts;
    private final AcmeStatusView acme;
    private final CertificateManager certificates;
    private final FederationStatus federation;
    private final Template dashboard;

    DashboardPage(Guard guard, Pages pages, Texts texts, NodeStatusSource node, AccountService accounts,
            AcmeStatusView acme, CertificateManager certificates, FederationStatus federation,
            @Location("portal/admin/dashboard.html") Template dashboard) {
        this.guard = guard;
        this.pages = pages;
        this.texts = texts;
        this.node = node;
        this.accounts = accounts;
        this.acme = acme;
        this.certificates = certificates;
        this.federation = federation;
        this.dashboard = dashboard;
    }

    /** The certificate as shown: state in words, and the plain-words reason, dates already formatted. */
    @TemplateData
    public record CertificateView(String state, String label, String names, String expires, String lastError,
            String nextAttempt, boolean acmeOn) {
    }

    /** One remote server. */
    @TemplateData
    public record DomainRow(String domain, int inbound, boolean outbound, String auth, String lastError,
            String since) {
    }

    @GET
    public Response show(@QueryParam("done") String done, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.admin(headers, request);
        Locale locale = v.locale();
        NodeStatus status = node.current();
        List<DomainRow> domains = federation.domains().stream()
                .map(d -> new DomainRow(d.domain(), d.inbound(), d.outbound(),
                        d.outboundAuth() != null ? d.outboundAuth() : d.inboundAuth(), d.lastError(),
                        texts.dateTime(d.since(), locale)))
                .toList();
        return pages.html(200, dashboard.data("version", status.version()).data("domain", status.domain())
                .data("listeners", status.listeners()).data("sessions", status.sessions())
                .data("accounts", accounts.count()).data("cert", certificate(acme.status(), locale))
                .data("domains", domains)
                .data("info", "renew".equals(done) ? texts.in(locale).renewStarted() : null), locale, v).build();
    }

    /** Starts a renewal in the background and comes back to the overview at once. */
    @POST
    @Path("certificate/renew")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response renew(@FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        guard.adminPost(headers, request, csrf);
        certificates.renewNow();
        return pages.redirect(Pages.ROOT + "/admin?done=renew");
    }

    private CertificateView certificate(AcmeStatus s, Locale locale) {
        PortalMessages m = texts.in(locale);
        String label = switch (s.state()) {
            case DISABLED -> m.stateDISABLED();
            case OBTAINING -> m.stateOBTAINING();
            case VALID -> m.stateVALID();
            case RENEWING -> m.stateRENEWING();
            case FAILING -> m.stateFAILING();
        };
        return new CertificateView(s.state().name(), label, String.join(", ", s.names()),
                s.notAfter().map(t -> texts.dateTime(t, locale)).orElse(null), s.lastError().orElse(null),
                s.nextAttempt().map(t -> texts.dateTime(t, locale)).orElse(null), s.state() != AcmeState.DISABLED);
    }
}
