package im.kith.portal.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import io.vertx.core.http.HttpServerRequest;

import im.kith.invite.web.PageLocales;
import im.kith.portal.session.PortalSession;
import im.kith.portal.session.PortalSessions;
import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountService;

/**
 * Decides who is asking: the page language, the signed-in account and whether it may see admin pages,
 * and checks the anti-CSRF token of form posts. Blocking (reads the account): call from a worker thread.
 */
@ApplicationScoped
public class Guard {
    private final PortalSessions sessions;
    private final AccountService accounts;
    private final PageLocales locales;
    private final Texts texts;

    Guard(PortalSessions sessions, AccountService accounts, PageLocales locales, Texts texts) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.locales = locales;
        this.texts = texts;
    }

    /** The page language from {@code Accept-Language}: English or German. */
    public Locale locale(HttpHeaders headers) {
        return locales.pick(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The signed-in visitor, if any; a session whose account is gone or disabled is ended. */
    public Optional<Viewer> viewer(HttpHeaders headers, HttpServerRequest request) {
        Cookie cookie = headers.getCookies().get(Pages.SESSION_COOKIE);
        Optional<PortalSession> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(session.get().localpart()).filter(a -> !a.disabled());
        if (account.isEmpty()) {
            sessions.close(session.get().id());
            return Optional.empty();
        }
        return Optional.of(new Viewer(session.get(), account.get(), locale(headers), secure(request)));
    }

    /** The signed-in visitor, or a redirect to the login page. */
    public Viewer user(HttpHeaders headers, HttpServerRequest request) {
        return viewer(headers, request).orElseThrow(PortalProblem::signIn);
    }

    /** The signed-in administrator; 403 for other accounts. */
    public Viewer admin(HttpHeaders headers, HttpServerRequest request) {
        Viewer v = user(headers, request);
        if (!v.admin()) {
            PortalMessages m = texts.in(v.locale());
            throw PortalProblem.of(403, m.forbiddenTitle(), m.forbiddenText(), v.locale());
        }
        return v;
    }

    /** Like {@link #user} for a form post, which must carry the session's token; 403 otherwise. */
    public Viewer userPost(HttpHeaders headers, HttpServerRequest request, String csrf) {
        return checked(user(headers, request), csrf);
    }

    /** Like {@link #admin} for a form post, which must carry the session's token; 403 otherwise. */
    public Viewer adminPost(HttpHeaders headers, HttpServerRequest request, String csrf) {
        return checked(admin(headers, request), csrf);
    }

    /** Whether the request came over HTTPS (directly or, where forwarding is trusted, through a proxy). */
    public static boolean secure(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    /** The client's address for throttling, or null if it is not an IP literal. */
    public static InetAddress address(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return null;
        }
        String host = request.remoteAddress().hostAddress();
        if (!host.matches("[0-9a-fA-F:.%]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private Viewer checked(Viewer v, String csrf) {
        if (!PortalSessions.csrfMatches(v.session(), csrf)) {
            PortalMessages m = texts.in(v.locale());
            throw PortalProblem.of(403, m.csrfTitle(), m.csrfText(), v.locale());
        }
        return v;
    }
}
