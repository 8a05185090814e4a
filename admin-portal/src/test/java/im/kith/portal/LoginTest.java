package im.kith.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/** Logging in and out of the portal over real HTTP, with passwords checked against stored SCRAM keys. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class LoginTest {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    AccountService accounts;

    private String newAccount(Role role) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, role);
        return name;
    }

    @Test
    void rightPasswordOpensTheOwnAccountPageWithAStrictHttpOnlyCookie() {
        String name = newAccount(Role.USER);
        Browser b = new Browser();
        b.get("/portal/login");
        Response login = given().redirects().follow(false).cookie("kith_portal_login", b.csrf())
                .formParam("csrf", b.csrf()).formParam("address", name + "@localhost")
                .formParam("password", PASSWORD).post("/portal/login");
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("kith_portal=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/portal");
        assertThat(setCookie.substring("kith_portal=".length(), setCookie.indexOf(';'))).hasSize(43);

        Response page = new Browser().logIn(name, PASSWORD);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains(name + "@localhost").contains("Change password");
    }

    @Test
    void wrongPasswordIsRefusedAndGivesNoSession() {
        String name = newAccount(Role.USER);
        Browser b = new Browser("en", "192.0.2.10");
        Response page = b.logIn(name, "not the password");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.asString()).contains("The address or the password is wrong.");
        assertThat(b.hasSession()).isFalse();
        assertThat(b.get("/portal/account").asString()).contains("action=\"/portal/login\"");
    }

    @Test
    void repeatedFailuresAreThrottledEvenWithTheRightPassword() {
        String name = newAccount(Role.USER);
        Browser b = new Browser("en", "192.0.2.20");
        for (int i = 0; i < 5; i++) {
            assertThat(b.logIn(name, "guess " + i).statusCode()).isEqualTo(401);
        }
        Response page = b.logIn(name, PASSWORD);
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.asString()).contains("Too many failed attempts");
        assertThat(b.hasSession()).isFalse();
    }

    @Test
    void loginPostWithoutTheFormTokenIsRejected() {
        String name = newAccount(Role.USER);
        Browser b = new Browser();
        b.get("/portal/login");
        Response page = b.postWithToken("/portal/login", "forged", "address", name, "password", PASSWORD);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(b.hasSession()).isFalse();
    }

    @Test
    void logoutEndsTheSession() {
        String name = newAccount(Role.USER);
        Browser b = new Browser();
        b.logIn(name, PASSWORD);
        Response out = b.post("/portal/logout");
        assertThat(out.asString()).contains("You are logged out.");
        assertThat(b.hasSession()).isFalse();
        assertThat(b.get("/portal/account").asString()).contains("action=\"/portal/login\"");
    }

    @Test
    void pagesAreGermanWhenTheBrowserAsksForGerman() {
        Response page = new Browser("de-DE,de;q=0.9,en;q=0.5", null).get("/portal/login");
        assertThat(page.header("Content-Language")).isEqualTo("de");
        assertThat(page.asString()).contains("lang=\"de\"").contains("Chat-Adresse").contains("Anmelden");

        String name = newAccount(Role.USER);
        Browser b = new Browser("de", null);
        assertThat(b.logIn(name, PASSWORD).asString()).contains("Passwort ändern").contains("Mein Konto");
    }
}
