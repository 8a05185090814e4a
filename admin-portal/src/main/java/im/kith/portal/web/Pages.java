package im.kith.portal.web;

import java.net.URI;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import im.kith.xmpp.account.AccountService;

/**
 * Renders portal pages: the visitor's language, headers that keep pages out of caches and frames, and
 * the session cookie (HttpOnly, SameSite=Strict, Secure on HTTPS, scoped to {@code /portal}).
 */
@ApplicationScoped
public class Pages {
    public static final String ROOT = "/portal";
    public static final String LOGIN = ROOT + "/login";
    public static final String SESSION_COOKIE = "kith_portal";
    public static final String LOGIN_COOKIE = "kith_portal_login";
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Template notice;
    private final Texts texts;
    private final String site;

    Pages(@Location("portal/notice.html") Template notice, Texts texts, AccountService accounts) {
        this.notice = notice;
        this.texts = texts;
        this.site = accounts.domain();
    }

    /** The name shown in page titles: the served domain. */
    public String site() {
        return site;
    }

    /** A page with the common data ({@code site}, {@code lang}, {@code viewer}) set. */
    public Response.ResponseBuilder html(int status, TemplateInstance page, Locale locale, Viewer viewer) {
        String body = page.data("site", site).data("lang", locale.getLanguage()).data("viewer", viewer)
                .setLocale(locale).render();
        return Response.status(status).type("text/html; charset=UTF-8").entity(body)
                .header("Content-Language", locale.getLanguage())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CSP);
    }

    /** A page with a title, a text and an optional link onwards. */
    public Response notice(int status, Locale locale, String title, String text, Viewer viewer) {
        PortalMessages m = texts.in(locale);
        String next = viewer != null ? ROOT : LOGIN;
        String nextLabel = viewer != null ? m.back() : m.toLogin();
        return html(status, notice.data("title", title == null ? m.problemTitle() : title).data("text", text)
                .data("next", next).data("nextLabel", nextLabel), locale, viewer).build();
    }

    /** 303 See Other, the answer to a form post that worked. */
    public Response redirect(String path) {
        return Response.seeOther(URI.create(path)).header("Cache-Control", "no-store").build();
    }

    /** A redirect that also sets a cookie. */
    public Response redirect(String path, NewCookie cookie) {
        return Response.seeOther(URI.create(path)).header("Cache-Control", "no-store").cookie(cookie).build();
    }

    /** A cookie of the portal: HttpOnly, SameSite=Strict, Secure on HTTPS; {@code value == null} removes it. */
    public NewCookie cookie(String name, String value, boolean secure) {
        return new NewCookie.Builder(name).value(value == null ? "" : value).path(ROOT).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(value == null ? 0 : -1).build();
    }

    /** A refusal of bad input: 400 (or another 4xx) with the reason in plain words. */
    public PortalProblem problem(int status, Viewer viewer, String text) {
        return PortalProblem.of(status, texts.in(viewer.locale()).problemTitle(), text, viewer.locale());
    }
}
