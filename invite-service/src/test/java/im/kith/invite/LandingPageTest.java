package im.kith.invite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/** The landing page and registration in the browser, over real HTTP against the running node. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class LandingPageTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    InviteService invites;

    @Inject
    AccountService accounts;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private CreatedInvite invite(InviteKind kind, String username, int uses) {
        return invites.create(new InviteRequest(kind, null, username, null, "test", null, uses, null, List.of()));
    }

    private static String path(CreatedInvite i) {
        return "/invite/" + i.token() + "/";
    }

    private static String csrf(CreatedInvite i) {
        Matcher m = CSRF.matcher(given().get(path(i)).asString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Response submit(CreatedInvite i, String user, String password, String confirm) {
        return given().formParam("username", user).formParam("password", password).formParam("confirm", confirm)
                .formParam("csrf", csrf(i)).header("Accept-Language", "en").post(path(i));
    }

    @Test
    void pageShowsInviteAppsQrCodeAndAlternateXmppLinkInEnglish() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        given().header("Accept-Language", "en-GB,en;q=0.9").get(path(i)).then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Link", "<xmpp:localhost?register;preauth=" + i.token() + ">; rel=\"alternate\"")
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("You are invited to join Kith Test."))
                .body(containsString("<svg"))
                .body(containsString("href=\"xmpp:localhost?register;preauth=" + i.token() + "\""))
                .body(containsString("id=eu.siacs.conversations&amp;referrer=xmpp%3Alocalhost%3Fregister%3Bpreauth%3D"
                        + i.token()))
                .body(containsString("Monal")).body(containsString("Dino"))
                .body(not(containsString("<script")));
    }

    @Test
    void pageIsGermanWhenTheBrowserPrefersGerman() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        given().header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").get(path(i)).then()
                .statusCode(200)
                .header("Content-Language", "de")
                .body(containsString("Du bist eingeladen, Kith Test beizutreten."))
                .body(containsString("Konto anlegen"));
    }

    @Test
    void browserRegistrationCreatesTheAccountAndTheUsedInviteIsGoneWith410() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        submit(i, "webuser", "long enough secret", "long enough secret").then()
                .statusCode(200).body(containsString("webuser@localhost"));
        assertThat(accounts.find("webuser")).get().extracting(a -> a.role()).isEqualTo(Role.USER);
        given().get(path(i)).then().statusCode(410).body(containsString("can no longer be used"));
    }

    @Test
    void adminInviteCreatesAnAdministrator() {
        CreatedInvite i = invite(InviteKind.ADMIN, null, 1);
        given().get(path(i)).then().body(containsString("administrator"));
        submit(i, "webadmin", "long enough secret", "long enough secret").then().statusCode(200);
        assertThat(accounts.find("webadmin")).get().extracting(a -> a.role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void fixedUsernameIsShownAndUsed() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, "fixedname", 1);
        assertThat(i.xmppUri()).isEqualTo("xmpp:fixedname@localhost?register;preauth=" + i.token());
        given().get(path(i)).then().body(containsString("value=\"fixedname\" readonly"));
        submit(i, "fixedname", "long enough secret", "long enough secret").then().statusCode(200);
        assertThat(accounts.exists("fixedname")).isTrue();
    }

    @Test
    void passwordResetInviteSetsANewPassword() throws Exception {
        accounts.create("forgetful", "old password 123", Role.USER);
        CreatedInvite i = invite(InviteKind.RESET, "forgetful", 1);
        assertThat(i.invite().expiresAt()).isEqualTo(i.invite().createdAt().plus(Duration.ofHours(24)));
        given().get(path(i)).then().statusCode(200).body(containsString("Set a new password for forgetful@localhost"));
        submit(i, "", "brand new password", "brand new password").then().statusCode(200)
                .body(containsString("new password for forgetful@localhost"));
        given().get(path(i)).then().statusCode(410);
    }

    @Test
    void multiUseInviteWorksUntilItsUsesAreSpent() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 2);
        submit(i, "multi1", "long enough secret", "long enough secret").then().statusCode(200);
        submit(i, "multi2", "long enough secret", "long enough secret").then().statusCode(200);
        given().get(path(i)).then().statusCode(410);
    }

    @Test
    void takenNameIsRefusedWithAClearMessageAndTheInviteStaysUsable() {
        accounts.create("taken", "some password 1", Role.USER);
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        submit(i, "taken", "long enough secret", "long enough secret").then()
                .statusCode(409).body(containsString("This name is taken")).body(not(containsString("Exception")));
        submit(i, "nottaken", "long enough secret", "long enough secret").then().statusCode(200);
    }

    @Test
    void invalidNameShortPasswordAndMismatchAreExplained() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        submit(i, "no spaces allowed", "long enough secret", "long enough secret").then()
                .statusCode(400).body(containsString("without spaces"));
        submit(i, "shorty", "short", "short").then().statusCode(400).body(containsString("at least 10 characters"));
        submit(i, "mismatch", "long enough secret", "other long secret").then()
                .statusCode(400).body(containsString("passwords differ"));
        given().get(path(i)).then().statusCode(200);
        assertThat(accounts.exists("shorty")).isFalse();
    }

    @Test
    void germanErrorMessages() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        given().formParam("username", "kurz").formParam("password", "kurz").formParam("confirm", "kurz")
                .formParam("csrf", csrf(i)).header("Accept-Language", "de").post(path(i)).then()
                .statusCode(400).body(containsString("mindestens 10 Zeichen"));
    }

    @Test
    void formWithoutTheCsrfTokenOfThisInviteIsRefused() {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, 1);
        CreatedInvite other = invite(InviteKind.ACCOUNT, null, 1);
        given().formParam("username", "csrfvictim").formParam("password", "long enough secret")
                .formParam("confirm", "long enough secret").formParam("csrf", csrf(other))
                .post(path(i)).then().statusCode(403).body(containsString("form has expired"));
        assertThat(accounts.exists("csrfvictim")).isFalse();
    }

    @Test
    void unknownTokenIs404AndRevokedOrExpiredInvitesAre410() {
        given().get("/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/").then()
                .statusCode(404).body(containsString("Invitation not found"));
        given().get("/invite/not-even-a-token/").then().statusCode(404);
        CreatedInvite revoked = invite(InviteKind.ACCOUNT, null, 1);
        assertThat(invites.revoke(revoked.invite().id())).isTrue();
        given().get(path(revoked)).then().statusCode(410);
        CreatedInvite expiring = invite(InviteKind.ACCOUNT, null, 1);
        String csrf = csrf(expiring);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        given().header("Accept-Language", "de").get(path(expiring)).then()
                .statusCode(410).body(containsString("nicht mehr gültig"));
        given().formParam("username", "toolate").formParam("password", "long enough secret")
                .formParam("confirm", "long enough secret").formParam("csrf", csrf)
                .post(path(expiring)).then().statusCode(410);
        assertThat(accounts.exists("toolate")).isFalse();
    }

    @Test
    void repeatedBadTokensFromOneAddressAreThrottled() {
        CreatedInvite good = invite(InviteKind.ACCOUNT, null, 1);
        String csrf = csrf(good);
        for (int n = 0; n < 10; n++) {
            given().header("X-Forwarded-For", "203.0.113.9").formParam("username", "x")
                    .formParam("password", "long enough secret").formParam("confirm", "long enough secret")
                    .formParam("csrf", csrf).post("/invite/" + good.token().substring(1) + "A/");
        }
        // The bad tokens above fail before any throttling (unknown: 404); now this address is blocked.
        given().header("X-Forwarded-For", "203.0.113.9").formParam("username", "throttled")
                .formParam("password", "long enough secret").formParam("confirm", "long enough secret")
                .formParam("csrf", csrf).post(path(good)).then().statusCode(429).body(containsString("Too many attempts"));
        // Another address is not affected.
        given().header("X-Forwarded-For", "203.0.113.10").formParam("username", "notthrottled")
                .formParam("password", "long enough secret").formParam("confirm", "long enough secret")
                .formParam("csrf", csrf).post(path(good)).then().statusCode(200);
    }
}
