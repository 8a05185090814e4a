package im.kith.portal.account;

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

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import im.kith.invite.circle.CircleService;
import im.kith.invite.core.InviteService;
import im.kith.portal.session.LoginResult;
import im.kith.portal.session.PasswordCheck;
import im.kith.portal.session.PortalSession;
import im.kith.portal.session.PortalSessions;
import im.kith.portal.web.Guard;
import im.kith.portal.web.Pages;
import im.kith.portal.web.PortalMessages;
import im.kith.portal.web.PortalProblem;
import im.kith.portal.web.Texts;
import im.kith.portal.web.Viewer;
import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.sasl.fast.FastTokens;

/** The member's own pages: profile and password, stored data, account deletion. */
@Path(Pages.ROOT + "/account")
@Blocking
public class AccountPages {
    /** Shortest password the portal accepts, as on the invite pages. */
    public static final int MIN_PASSWORD = 10;

    private final Guard guard;
    private final Pages pages;
    private final Texts texts;
    private final PasswordCheck passwords;
    private final PortalSessions sessions;
    private final AccountService accounts;
    private final StoredData stored;
    private final CircleService circles;
    private final InviteService invites;
    private final FastTokens fastTokens;
    private final int retentionDays;
    private final Template profile;
    private final Template data;
    private final Template delete;

    AccountPages(Guard guard, Pages pages, Texts texts, PasswordCheck passwords, PortalSessions sessions,
            AccountService accounts, StoredData stored, CircleService circles, InviteService invites,
            FastTokens fastTokens, @ConfigProperty(name = "kith.retention-days", defaultValue = "7") int retentionDays,
            @Location("portal/profile.html") Template profile, @Location("portal/data.html") Template data,
            @Location("portal/delete.html") Template delete) {
        this.guard = guard;
        this.pages = pages;
        this.texts = texts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.accounts = accounts;
        this.stored = stored;
        this.circles = circles;
        this.invites = invites;
        this.fastTokens = fastTokens;
        this.retentionDays = retentionDays;
        this.profile = profile;
        this.data = data;
        this.delete = delete;
    }

    @GET
    public Response profile(@QueryParam("done") String done, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.user(headers, request);
        String info = "password".equals(done) ? texts.in(v.locale()).passwordChanged() : null;
        return profilePage(200, v, info, null);
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password,
            @FormParam("confirm") String confirm, @FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.userPost(headers, request, csrf);
        PortalMessages m = texts.in(v.locale());
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            return profilePage(400, v, null, m.errPasswordShort());
        }
        if (!password.equals(confirm)) {
            return profilePage(400, v, null, m.errPasswordMismatch());
        }
        String failed = verify(v, current, m, request);
        if (failed != null) {
            return profilePage(failed.equals(m.errThrottled()) ? 429 : 403, v, null, failed);
        }
        try {
            accounts.changePassword(v.localpart(), password);
        } catch (AccountException e) {
            return profilePage(400, v, null, m.errPasswordInvalid());
        }
        // A new password ends every portal session of the account; this browser gets a fresh one.
        PortalSession fresh = sessions.open(v.localpart());
        return pages.redirect(Pages.ROOT + "/account?done=password",
                pages.cookie(Pages.SESSION_COOKIE, fresh.id(), v.secure()));
    }

    @GET
    @Path("data")
    public Response data(@QueryParam("done") String done, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.user(headers, request);
        Locale locale = v.locale();
        PortalMessages m = texts.in(locale);
        String name = v.localpart();
        String memberOf = String.join(", ", circles.list().stream().filter(c -> c.members().contains(name))
                .map(c -> c.name()).toList());
        long invited = invites.list().stream().filter(i -> name.equals(i.createdBy())).count();
        return pages.html(200, data.data("role", texts.role(v.account().role(), locale))
                .data("created", texts.dateTime(v.account().createdAt(), locale))
                .data("counts", stored.of(name))
                .data("retention", retentionDays > 0 ? m.dataRetention(Integer.toString(retentionDays))
                        : m.dataRetentionOff())
                .data("circles", memberOf.isEmpty() ? m.none() : memberOf)
                .data("invites", invited)
                .data("devices", stored.devices(name).stream().map(d -> new DeviceRow(d.client(),
                        d.software() == null ? m.deviceUnnamed() : d.software(), d.device() == null ? "" : d.device(),
                        texts.dateTime(d.since(), locale), texts.dateTime(d.until(), locale))).toList())
                .data("info", "device".equals(done) ? m.deviceLoggedOut() : null), locale, v).build();
    }

    /** A row of the devices table, with dates formatted for the viewer. */
    @io.quarkus.qute.TemplateData
    public record DeviceRow(String client, String software, String device, String since, String until) {
    }

    /** Logs one app out of its FAST token (XEP-0484 §4.5 on the app's behalf): it must log in again. */
    @POST
    @Path("devices/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logOutDevice(@FormParam("client") String client, @FormParam("csrf") String csrf,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.userPost(headers, request, csrf);
        if (client == null || client.isBlank() || client.length() > 64) {
            PortalMessages m = texts.in(v.locale());
            throw PortalProblem.of(400, m.deviceUnknownTitle(), m.deviceUnknown(), v.locale());
        }
        fastTokens.invalidate(v.localpart(), client).toCompletableFuture().join();
        return pages.redirect(Pages.ROOT + "/account/data?done=device");
    }

    @GET
    @Path("delete")
    public Response confirmDelete(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.user(headers, request);
        return pages.html(200, delete.data("error", null), v.locale(), v).build();
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@FormParam("password") String password, @FormParam("csrf") String csrf,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.userPost(headers, request, csrf);
        PortalMessages m = texts.in(v.locale());
        String failed = verify(v, password, m, request);
        if (failed != null) {
            return pages.html(failed.equals(m.errThrottled()) ? 429 : 403, delete.data("error", failed), v.locale(), v)
                    .build();
        }
        accounts.delete(v.localpart());
        sessions.closeAll(v.localpart());
        return Response.fromResponse(pages.notice(200, v.locale(), m.deletedTitle(), m.deletedText(v.jid()), null))
                .cookie(pages.cookie(Pages.SESSION_COOKIE, null, v.secure())).build();
    }

    /** Checks the viewer's password; the text to show when it is not right, else null. */
    private String verify(Viewer v, String password, PortalMessages m, HttpServerRequest request) {
        return switch (passwords.check(v.localpart(), password, Guard.address(request))) {
            case LoginResult.Verified ok -> null;
            case LoginResult.Throttled t -> m.errThrottled();
            case LoginResult.Unavailable u -> m.errUnavailable();
            case LoginResult.Refused r -> m.errCurrentPassword();
            case LoginResult.Disabled d -> m.errDisabled();
        };
    }

    private Response profilePage(int status, Viewer v, String info, String error) {
        return pages.html(status, profile.data("role", texts.role(v.account().role(), v.locale()))
                .data("created", texts.dateTime(v.account().createdAt(), v.locale()))
                .data("info", info).data("error", error), v.locale(), v).build();
    }
}
