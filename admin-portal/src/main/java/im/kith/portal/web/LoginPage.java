package im.kith.portal.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import im.kith.portal.session.LoginResult;
import im.kith.portal.session.PasswordCheck;
import im.kith.portal.session.PortalSession;
import im.kith.portal.session.PortalSessions;

/**
 * {@code /portal}, the login form and logout. The login form is protected against cross-site posts by
 * a double-submit token: a random value in a SameSite=Strict cookie that the form must repeat.
 */
@Path(Pages.ROOT)
@Blocking
public class LoginPage {
    private final Guard guard;
    private final Pages pages;
    private final Texts texts;
    private final PasswordCheck passwords;
    private final PortalSessions sessions;
    private final Template login;

    LoginPage(Guard guard, Pages pages, Texts texts, PasswordCheck passwords, PortalSessions sessions,
            @Location("portal/login.html") Template login) {
        this.guard = guard;
        this.pages = pages;
        this.texts = texts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.login = login;
    }

    /** The start page: the overview for administrators, the own account for everybody else. */
    @GET
    public Response start(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        Optional<Viewer> v = guard.viewer(headers, request);
        return pages.redirect(v.isEmpty() ? Pages.LOGIN : v.get().admin() ? Pages.ROOT + "/admin" : Pages.ROOT + "/account");
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("bye") String bye, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        if (guard.viewer(headers, request).isPresent()) {
            return pages.redirect(Pages.ROOT);
        }
        Locale locale = guard.locale(headers);
        return page(200, locale, bye != null ? texts.in(locale).loggedOut() : null, null, "", request);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("address") String address, @FormParam("password") String password,
            @FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Locale locale = guard.locale(headers);
        PortalMessages m = texts.in(locale);
        Cookie cookie = headers.getCookies().get(Pages.LOGIN_COOKIE);
        if (cookie == null || csrf == null || !MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8),
                csrf.getBytes(StandardCharsets.UTF_8))) {
            return page(403, locale, null, m.csrfText(), address, request);
        }
        LoginResult result = passwords.check(address, password, Guard.address(request));
        return switch (result) {
            case LoginResult.Verified ok -> {
                PortalSession s = sessions.open(ok.localpart());
                boolean secure = Guard.secure(request);
                yield Response.seeOther(URI.create(Pages.ROOT)).header("Cache-Control", "no-store")
                        .cookie(pages.cookie(Pages.SESSION_COOKIE, s.id(), secure),
                                pages.cookie(Pages.LOGIN_COOKIE, null, secure))
                        .build();
            }
            case LoginResult.Refused r -> page(401, locale, null, m.errLogin(), address, request);
            case LoginResult.Disabled d -> page(403, locale, null, m.errDisabled(), address, request);
            case LoginResult.Throttled t -> page(429, locale, null, m.errThrottled(), address, request);
            case LoginResult.Unavailable u -> page(503, locale, null, m.errUnavailable(), address, request);
        };
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Optional<Viewer> v = guard.viewer(headers, request);
        if (v.isPresent()) {
            guard.userPost(headers, request, csrf);
            sessions.close(v.get().session().id());
        }
        return pages.redirect(Pages.LOGIN + "?bye=1", pages.cookie(Pages.SESSION_COOKIE, null, Guard.secure(request)));
    }

    private Response page(int status, Locale locale, String info, String error, String address,
            HttpServerRequest request) {
        String token = sessions.randomToken();
        return pages.html(status, login.data("csrf", token).data("info", info).data("error", error)
                .data("address", address == null ? "" : address), locale, null)
                .cookie(pages.cookie(Pages.LOGIN_COOKIE, token, Guard.secure(request))).build();
    }
}
