package im.kith.portal.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

import im.kith.invite.circle.CircleService;
import im.kith.invite.circle.CircleView;
import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteState;
import im.kith.invite.store.InviteView;
import im.kith.portal.web.Guard;
import im.kith.portal.web.Pages;
import im.kith.portal.web.PortalMessages;
import im.kith.portal.web.Texts;
import im.kith.portal.web.Viewer;
import im.kith.xmpp.account.AccountException;

/** {@code /portal/admin/invites}: the invite service's invites; create (link and QR code shown once), revoke. */
@Path(Pages.ROOT + "/admin/invites")
@Blocking
public class InvitesPage {
    /** Lifetimes offered in the form, in hours: 1 hour, 1 day, 1 week, 4 weeks. */
    static final List<Integer> LIFETIMES = List.of(1, 24, 168, 672);

    private final Guard guard;
    private final Pages pages;
    private final Texts texts;
    private final InviteService invites;
    private final CircleService circles;
    private final InviteLinkPage linkPage;
    private final Clock clock;
    private final Template list;

    InvitesPage(Guard guard, Pages pages, Texts texts, InviteService invites, CircleService circles,
            InviteLinkPage linkPage, Clock clock, @Location("portal/admin/invites.html") Template list) {
        this.guard = guard;
        this.pages = pages;
        this.texts = texts;
        this.invites = invites;
        this.circles = circles;
        this.linkPage = linkPage;
        this.clock = clock;
        this.list = list;
    }

    /** One invite in the list. */
    @TemplateData
    public record InviteRow(long id, String kind, String state, boolean open, int uses, int maxUses, String expires,
            String createdBy, String username, String circles, String note) {
    }

    /** A choice of a select element. */
    @TemplateData
    public record Choice(String value, String label) {
    }

    @GET
    public Response show(@QueryParam("done") String done, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.admin(headers, request);
        return page(200, v, "revoked".equals(done) ? texts.in(v.locale()).inviteRevoked() : null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("kind") String kind, @FormParam("hours") String hours,
            @FormParam("uses") String uses, @FormParam("username") String username, @FormParam("note") String note,
            @FormParam("circle") List<String> joined, @FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        PortalMessages m = texts.in(v.locale());
        InviteKind k = parseKind(v, kind);
        int lifetime = number(v, hours);
        int maxUses = uses == null || uses.isBlank() ? 1 : number(v, uses);
        CreatedInvite created;
        try {
            created = invites.create(new InviteRequest(k, null, blankToNull(username),
                    k == InviteKind.CONTACT ? v.localpart() : null, v.localpart(), note, maxUses,
                    Duration.ofHours(lifetime), joined));
        } catch (IllegalArgumentException | AccountException e) {
            return page(400, v, null, e.getMessage());
        }
        return linkPage.show(v, m.inviteCreated(), created, Pages.ROOT + "/admin/invites");
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("id") String id, @FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        if (!invites.revoke(number(v, id))) {
            throw pages.problem(404, v, texts.in(v.locale()).notFoundTitle());
        }
        return pages.redirect(Pages.ROOT + "/admin/invites?done=revoked");
    }

    private Response page(int status, Viewer v, String info, String error) {
        Locale locale = v.locale();
        PortalMessages m = texts.in(locale);
        Instant now = clock.instant();
        List<InviteRow> rows = invites.list().stream().map(i -> row(i, now, m, locale)).toList();
        List<Choice> kinds = List.of(InviteKind.ACCOUNT, InviteKind.CONTACT, InviteKind.ADMIN).stream()
                .map(k -> new Choice(k.name(), kindLabel(k, m))).toList();
        List<Choice> lifetimes = LIFETIMES.stream().map(h -> new Choice(Integer.toString(h),
                h < 24 ? m.hours(Integer.toString(h)) : m.days(Integer.toString(h / 24)))).toList();
        List<String> circleNames = circles.list().stream().map(CircleView::name).toList();
        return pages.html(status, list.data("rows", rows).data("kinds", kinds).data("lifetimes", lifetimes)
                .data("circles", circleNames).data("info", info).data("error", error), locale, v).build();
    }

    private InviteRow row(InviteView i, Instant now, PortalMessages m, Locale locale) {
        InviteState state = i.state(now);
        String label = switch (state) {
            case InviteState.Open o -> m.stateOpen(Integer.toString(o.remaining()));
            case InviteState.Expired e -> m.stateExpired();
            case InviteState.UsedUp u -> m.stateUsedUp();
            case InviteState.Revoked r -> m.stateRevoked();
        };
        return new InviteRow(i.id(), kindLabel(i.kind(), m), label, state.usable(), i.uses(), i.maxUses(),
                texts.dateTime(i.expiresAt(), locale), i.createdBy(), i.username(), String.join(", ", i.circles()),
                i.note());
    }

    private static String kindLabel(InviteKind k, PortalMessages m) {
        return switch (k) {
            case ACCOUNT -> m.kindACCOUNT();
            case CONTACT -> m.kindCONTACT();
            case ADMIN -> m.kindADMIN();
            case RESET -> m.kindRESET();
        };
    }

    private InviteKind parseKind(Viewer v, String kind) {
        try {
            return InviteKind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            throw pages.problem(400, v, "unknown invite kind '" + kind + "'");
        }
    }

    private int number(Viewer v, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw pages.problem(400, v, "'" + value + "' is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
