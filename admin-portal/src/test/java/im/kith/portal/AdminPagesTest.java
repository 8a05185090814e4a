package im.kith.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import im.kith.acme.AcmeStatusView;
import im.kith.invite.circle.CircleService;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteView;
import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/** The administrator's pages: access control, node overview, accounts, invites and circles. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class AdminPagesTest {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    AccountService accounts;

    @Inject
    InviteService invites;

    @Inject
    CircleService circles;

    @Inject
    AcmeStatusView acme;

    private String newAccount(Role role) {
        String name = (role == Role.ADMIN ? "a" : "m") + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, role);
        return name;
    }

    private Browser admin() {
        Browser b = new Browser();
        b.logIn(newAccount(Role.ADMIN), PASSWORD);
        return b;
    }

    @Test
    void memberCannotOpenOrPostToAdminPages() {
        Browser b = new Browser();
        b.logIn(newAccount(Role.USER), PASSWORD);
        for (String page : new String[] {"/portal/admin", "/portal/admin/users", "/portal/admin/invites",
                "/portal/admin/circles"}) {
            Response r = b.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(403);
            assertThat(r.asString()).contains("This page is for administrators.");
        }
        b.get("/portal/account");
        String victim = newAccount(Role.USER);
        assertThat(b.post("/portal/admin/users/change", "name", victim, "action", "delete").statusCode())
                .isEqualTo(403);
        assertThat(accounts.exists(victim)).isTrue();
        assertThat(b.get("/portal").asString()).doesNotContain("/portal/admin/users");
    }

    @Test
    void adminCreatesAUserWhoCanThenLogIn() {
        Browser b = admin();
        b.get("/portal/admin/users");
        String name = "new" + UUID.randomUUID().toString().substring(0, 6);
        Response added = b.post("/portal/admin/users", "username", name, "password", "a fresh password");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.asString()).contains(name + "@localhost was added.").contains("id=\"user-" + name + "\"");
        assertThat(accounts.find(name)).hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(Role.USER));

        Response taken = b.post("/portal/admin/users", "username", name, "password", "a fresh password");
        assertThat(taken.statusCode()).isEqualTo(409);

        assertThat(new Browser().logIn(name, "a fresh password").asString()).contains(name + "@localhost");
    }

    @Test
    void adminDisablesPromotesAndDeletesOtherAccountsButNotTheOwn() {
        Browser b = admin();
        String name = newAccount(Role.USER);
        Browser member = new Browser();
        member.logIn(name, PASSWORD);
        b.get("/portal/admin/users");
        assertThat(b.post("/portal/admin/users/change", "name", name, "action", "disable").statusCode()).isEqualTo(200);
        assertThat(accounts.find(name).orElseThrow().disabled()).isTrue();
        assertThat(member.get("/portal/account").asString()).contains("action=\"/portal/login\"");
        assertThat(new Browser().logIn(name, PASSWORD).statusCode()).isEqualTo(403);

        b.post("/portal/admin/users/change", "name", name, "action", "enable");
        b.post("/portal/admin/users/change", "name", name, "action", "admin");
        assertThat(accounts.find(name).orElseThrow()).satisfies(a -> {
            assertThat(a.disabled()).isFalse();
            assertThat(a.role()).isEqualTo(Role.ADMIN);
        });
        b.post("/portal/admin/users/change", "name", name, "action", "delete");
        assertThat(accounts.exists(name)).isFalse();
        assertThat(b.post("/portal/admin/users/change", "name", name, "action", "delete").statusCode())
                .isEqualTo(404);
    }

    @Test
    void dashboardShowsTheCertificateStateInPlainWords() {
        Browser b = admin();
        String page = b.get("/portal/admin").asString();
        String reason = acme.status().lastError().orElseThrow();
        assertThat(page).contains("data-state=\"" + acme.status().state().name() + "\"")
                .contains("Automatic certificates are off")
                .contains(reason.replace("'", "&#39;"))
                .contains("localhost")
                .contains("No other servers contacted yet.");
    }

    @Test
    void invitesCreatedInThePortalAppearInTheInviteServiceAndCanBeRevoked() {
        Browser b = admin();
        b.get("/portal/admin/invites");
        Response created = b.post("/portal/admin/invites", "kind", "ACCOUNT", "hours", "24", "uses", "3",
                "note", "for the choir");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.asString()).contains("https://invite.test/invite/").contains("<svg");
        InviteView invite = invites.list().stream().filter(i -> "for the choir".equals(i.note())).findFirst()
                .orElseThrow();
        assertThat(invite.kind()).isEqualTo(InviteKind.ACCOUNT);
        assertThat(invite.maxUses()).isEqualTo(3);

        String list = b.get("/portal/admin/invites").asString();
        assertThat(list).contains("id=\"invite-" + invite.id() + "\"").contains("open, 3 left");
        Response revoked = b.post("/portal/admin/invites/revoke", "id", Long.toString(invite.id()));
        assertThat(revoked.asString()).contains("The invite was revoked.");
        assertThat(invites.byId(invite.id()).orElseThrow().revokedAt()).isNotNull();

        Response bad = b.post("/portal/admin/invites", "kind", "ACCOUNT", "hours", "9999", "uses", "1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("expire after 1 hour to 4 weeks");
    }

    @Test
    void passwordResetLinkIsASingleUseResetInvite() {
        Browser b = admin();
        String name = newAccount(Role.USER);
        b.get("/portal/admin/users");
        Response link = b.post("/portal/admin/users/reset", "name", name);
        assertThat(link.statusCode()).isEqualTo(201);
        assertThat(link.asString()).contains("Password reset for " + name + "@localhost").contains("<svg");
        assertThat(invites.list()).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(InviteKind.RESET);
            assertThat(i.username()).isEqualTo(name);
        });
    }

    @Test
    void adminManagesCirclesAndTheirMembers() {
        Browser b = admin();
        String name = newAccount(Role.USER);
        String circle = "Choir " + UUID.randomUUID().toString().substring(0, 4);
        b.get("/portal/admin/circles");
        assertThat(b.post("/portal/admin/circles", "name", circle).asString()).contains("Circle " + circle + " created.");
        b.post("/portal/admin/circles/members", "name", circle, "member", name, "action", "add");
        assertThat(circles.find(circle).orElseThrow().members()).containsExactly(name);
        String withRoom = b.post("/portal/admin/circles/rooms", "name", circle, "title", "Quiz night", "action", "add")
                .asString();
        assertThat(withRoom).contains("quiz-night@groups.localhost");
        assertThat(circles.rooms(circle)).contains("quiz-night");
        b.post("/portal/admin/circles/rooms", "name", circle, "room", "quiz-night", "action", "remove");
        assertThat(circles.rooms(circle)).doesNotContain("quiz-night").hasSize(1);
        // The last room stays: removing it is refused.
        assertThat(b.post("/portal/admin/circles/rooms", "name", circle, "room", circles.rooms(circle).get(0),
                "action", "remove").statusCode()).isEqualTo(400);
        b.get("/portal/admin/circles");
        b.post("/portal/admin/circles/members", "name", circle, "member", name, "action", "remove");
        assertThat(circles.find(circle).orElseThrow().members()).isEmpty();
        b.post("/portal/admin/circles/delete", "name", circle);
        assertThat(circles.find(circle)).isEmpty();
        assertThat(b.post("/portal/admin/circles/delete", "name", circle).statusCode()).isEqualTo(404);
    }
}
