package im.kith.invite.web;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import im.kith.invite.core.InviteLinks;
import im.kith.invite.core.InviteService;
import im.kith.invite.core.Redeemed;
import im.kith.invite.core.Redemption;
import im.kith.invite.core.RedemptionException;
import im.kith.invite.core.RedemptionThrottle;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteView;

/**
 * The invite landing page {@code /invite/TOKEN/} (XEP-0401 §4.2, XEP-0379 §3.3): who invites to what,
 * apps per platform, an "open in app" link and QR code, and a registration form for the browser. Unknown
 * tokens get 404, invites that can no longer be used 410; nothing here needs JavaScript.
 */
@Path("/invite/{token}")
@Blocking
public class LandingPage {
    private final InviteService invites;
    private final Redemption redemption;
    private final InviteLinks links;
    private final QrCodes qr;
    private final ClientApps apps;
    private final CsrfTokens csrf;
    private final PageLocales locales;
    private final RedemptionThrottle throttle;
    private final Clock clock;
    private final Template landing;
    private final Template done;
    private final Template gone;

    LandingPage(InviteService invites, Redemption redemption, InviteLinks links, QrCodes qr, ClientApps apps,
            CsrfTokens csrf, PageLocales locales, RedemptionThrottle throttle, Clock clock, @Location("invite/landing.html") Template landing,
            @Location("invite/done.html") Template done, @Location("invite/gone.html") Template gone) {
        this.invites = invites;
        this.redemption = redemption;
        this.links = links;
        this.qr = qr;
        this.apps = apps;
        this.csrf = csrf;
        this.locales = locales;
        this.throttle = throttle;
        this.clock = clock;
        this.landing = landing;
        this.done = done;
        this.gone = gone;
    }

    @GET
    @Path("/")
    public Response show(@PathParam("token") String token, @HeaderParam("Accept-Language") String lang,
            @Context HttpServerRequest request) {
        Locale locale = locales.pick(lang);
        String address = request.remoteAddress().hostAddress();
        if (!throttle.mayTry(address)) {
            return goneOrUnknown(429, locale);
        }
        Optional<InviteView> found = invites.find(token);
        if (found.isEmpty()) {
            throttle.failed(address);
            return goneOrUnknown(404, locale);
        }
        InviteView invite = found.get();
        if (!invite.state(clock.instant()).usable()) {
            return goneOrUnknown(410, locale);
        }
        return page(200, invite, token, locale, null, null);
    }

    @POST
    @Path("/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@PathParam("token") String token, @HeaderParam("Accept-Language") String lang,
            @FormParam("username") String username, @FormParam("password") String password,
            @FormParam("confirm") String confirm, @FormParam("csrf") String csrfToken,
            @Context HttpServerRequest request) {
        Locale locale = locales.pick(lang);
        String address = request.remoteAddress().hostAddress();
        Optional<InviteView> found = throttle.mayTry(address) ? invites.find(token) : Optional.empty();
        if (found.isEmpty()) {
            // Redemption counts the failure and answers THROTTLED or UNKNOWN.
            return refusal(token, address, locale);
        }
        InviteView invite = found.get();
        if (!csrf.valid(token, csrfToken)) {
            return page(403, invite, token, locale, "csrf", username);
        }
        if (password == null || !password.equals(confirm)) {
            return page(400, invite, token, locale, "passwordMismatch", username);
        }
        try {
            Redeemed r = redemption.redeem(token, username, password, address, null);
            TemplateInstance t = done.data("site", links.siteName()).data("jid", r.account().toString())
                    .data("reset", r.kind() == InviteKind.RESET).data("lang", locale.getLanguage());
            return html(200, t, locale).build();
        } catch (RedemptionException e) {
            return switch (e.reason()) {
                case UNKNOWN, USED, REVOKED -> goneOrUnknown(410, locale);
                case EXPIRED -> goneOrUnknown(410, locale);
                case THROTTLED -> page(429, invite, token, locale, "throttled", username);
                case NAME_TAKEN -> page(409, invite, token, locale, "nameTaken", username);
                case NAME_INVALID, NOT_ALLOWED -> page(400, invite, token, locale, "nameInvalid", username);
                case PASSWORD_INVALID -> page(400, invite, token, locale, "passwordShort", username);
            };
        }
    }

    private Response refusal(String token, String address, Locale locale) {
        try {
            redemption.check(token, address);
            return goneOrUnknown(410, locale);
        } catch (RedemptionException e) {
            return goneOrUnknown(e.reason() == RedemptionException.Reason.THROTTLED ? 429
                    : e.reason() == RedemptionException.Reason.UNKNOWN ? 404 : 410, locale);
        }
    }

    private Response page(int status, InviteView invite, String token, Locale locale, String error, String entered) {
        String uri = links.xmppUri(invite, token);
        String url = links.landingUrl(token);
        List<AppLink> all = apps.forInvite(uri);
        String expires = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneOffset.UTC).format(invite.expiresAt());
        LandingView view = new LandingView(links.siteName(), links.domain(),
                invite.inviter() == null ? null : invite.inviter() + "@" + links.domain(),
                invite.circles().isEmpty() ? null : String.join(", ", invite.circles()),
                invite.kind() == InviteKind.ADMIN, invite.kind() == InviteKind.RESET,
                invite.username() == null ? null : invite.username() + (invite.kind() == InviteKind.RESET
                        ? "@" + links.domain() : ""),
                expires, uri, url, new RawString(qr.svg(url, "QR")),
                platform(all, "android"), platform(all, "ios"), platform(all, "desktop"),
                csrf.issue(token), error, entered, locale.getLanguage());
        return html(status, landing.data("v", view), locale)
                .header("Link", "<" + uri + ">; rel=\"alternate\"").build();
    }

    private Response goneOrUnknown(int status, Locale locale) {
        return html(status, gone.data("unknown", status == 404).data("throttled", status == 429).data("site", links.siteName())
                .data("lang", locale.getLanguage()), locale).build();
    }

    private static List<AppLink> platform(List<AppLink> all, String platform) {
        return all.stream().filter(a -> a.platform().equals(platform)).toList();
    }

    private static Response.ResponseBuilder html(int status, TemplateInstance template, Locale locale) {
        String body = template.setLocale(locale).render();
        return Response.status(status).type("text/html; charset=UTF-8").entity(body)
                .header("Content-Language", locale.getLanguage())
                .header("Cache-Control", "no-store")
                // The token is in the URL: never leak it to the app stores through Referer.
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'");
    }
}
