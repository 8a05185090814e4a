package im.kith.portal.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.portal.account.AccountPages;
import im.kith.portal.web.Guard;
import im.kith.portal.web.Pages;
import im.kith.portal.web.PortalMessages;
import im.kith.portal.web.Texts;
import im.kith.portal.web.Viewer;
import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.router.SessionRegistry;

/**
 * {@code /portal/admin/users}: accounts with their online state; add, disable or enable, change the role,
 * delete, and password reset links (single-use reset invites of the invite service).
 */
@Path(Pages.ROOT + "/admin/users")
@Blocking
public class UsersPage {
    private final Guard guard;
    private final Pages pages;
    private final Texts texts;
    private final AccountService accounts;
    private final SessionRegistry online;
    private final InviteService invites;
    private final InviteLinkPage linkPage;
    private final Template users;

    UsersPage(Guard guard, Pages pages, Texts texts, AccountService accounts, SessionRegistry online,
            InviteService invites, InviteLinkPage linkPage, @Location("portal/admin/users.html") Template users) {
        this.guard = guard;
        this.pages = pages;
        this.texts = texts;
        this.accounts = accounts;
        this.online = online;
        this.invites = invites;
        this.linkPage = linkPage;
        this.users = users;
    }

    /** One account in the list. */
    @TemplateData
    public record UserRow(String localpart, String jid, String role, boolean admin, boolean disabled, int sessions,
            String created, boolean self) {
    }

    @GET
    public Response list(@QueryParam("done") String done, @QueryParam("name") String name,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.admin(headers, request);
        PortalMessages m = texts.in(v.locale());
        String shown = name == null ? "" : name;
        String info = done == null ? null : switch (done) {
            case "added" -> m.userAdded(shown);
            case "deleted" -> m.userDeleted(shown);
            case "updated" -> m.userUpdated(shown);
            default -> null;
        };
        return page(200, v, info, null, "");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("admin") String admin, @FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        PortalMessages m = texts.in(v.locale());
        if (password == null || password.codePointCount(0, password.length()) < AccountPages.MIN_PASSWORD) {
            return page(400, v, null, m.errPasswordShort(), username);
        }
        try {
            Account a = accounts.create(username, password, admin != null ? Role.ADMIN : Role.USER);
            return pages.redirect(Pages.ROOT + "/admin/users?done=added&name=" + encode(a.jid().toString()));
        } catch (AccountException e) {
            return switch (e.reason()) {
                case EXISTS -> page(409, v, null, m.errNameTaken(), username);
                default -> page(400, v, null, e.getMessage(), username);
            };
        }
    }

    /** disable, enable, admin, member or delete an account other than one's own. */
    @POST
    @Path("change")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@FormParam("name") String name, @FormParam("action") String action,
            @FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        PortalMessages m = texts.in(v.locale());
        String localpart = existing(v, name, m);
        if (localpart.equals(v.localpart())) {
            throw pages.problem(409, v, m.errSelf());
        }
        switch (action == null ? "" : action) {
            case "disable" -> accounts.setDisabled(localpart, true);
            case "enable" -> accounts.setDisabled(localpart, false);
            case "admin" -> accounts.setRole(localpart, Role.ADMIN);
            case "member" -> accounts.setRole(localpart, Role.USER);
            case "delete" -> {
                accounts.delete(localpart);
                return pages.redirect(Pages.ROOT + "/admin/users?done=deleted&name=" + encode(localpart));
            }
            default -> throw pages.problem(400, v, "unknown action '" + action + "'");
        }
        return pages.redirect(Pages.ROOT + "/admin/users?done=updated&name=" + encode(localpart));
    }

    /** Creates a single-use password reset invite for the account and shows its link once. */
    @POST
    @Path("reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("name") String name, @FormParam("csrf") String csrf,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Viewer v = guard.adminPost(headers, request, csrf);
        PortalMessages m = texts.in(v.locale());
        String localpart = existing(v, name, m);
        CreatedInvite created;
        try {
            created = invites.create(new InviteRequest(InviteKind.RESET, null, localpart, null, v.localpart(), null,
                    1, null, List.of()));
        } catch (IllegalArgumentException e) {
            throw pages.problem(400, v, e.getMessage());
        }
        return linkPage.show(v, m.resetTitle(localpart + "@" + accounts.domain()), created, Pages.ROOT + "/admin/users");
    }

    private String existing(Viewer v, String name, PortalMessages m) {
        String localpart;
        try {
            localpart = accounts.localpartOf(name);
        } catch (AccountException e) {
            throw pages.problem(400, v, m.errNoUser());
        }
        if (!accounts.exists(localpart)) {
            throw pages.problem(404, v, m.errNoUser());
        }
        return localpart;
    }

    private Response page(int status, Viewer v, String info, String error, String entered) {
        Locale locale = v.locale();
        List<UserRow> rows = accounts.list().stream()
                .map(a -> new UserRow(a.localpart(), a.jid().toString(), texts.role(a.role(), locale),
                        a.role() == Role.ADMIN, a.disabled(), online.sessions(a.jid()).size(),
                        texts.date(a.createdAt(), locale), a.localpart().equals(v.localpart())))
                .toList();
        return pages.html(status, users.data("rows", rows).data("info", info).data("error", error)
                .data("entered", entered == null ? "" : entered), locale, v).build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
