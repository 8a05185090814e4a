package im.kith.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/**
 * Hostile input to the portal's forms, generated from a fixed seed, from a stranger and from a signed-in
 * member: every answer is a 2xx, 3xx or 4xx, never a server error, nothing is echoed unescaped, and the
 * member's account and password are what they were.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestProfile(PortalFormFuzzTest.OwnNode.class)
class PortalFormFuzzTest {
    private static final String PASSWORD = "the member's real passphrase";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final List<String> NASTY = List.of("", " ", "\u0000", "\u202Eevil", "x".repeat(5_000), SCRIPT,
            "%", "%zz", "a@b@c", "admin@localhost", "fuzzmember", "\r\nLocation: http://evil.example/",
            "' OR '1'='1", "\uD83D\uDE00".repeat(40), "名前", "../../etc/passwd", "remove", "add");
    private static final List<String> FORMS = List.of("/portal/login", "/portal/logout", "/portal/account/password",
            "/portal/account/devices/logout", "/portal/account/delete", "/portal/admin/users",
            "/portal/admin/circles", "/portal/admin/circles/rooms", "/portal/admin/invites");
    private static final List<String> FIELDS = List.of("address", "password", "current", "confirm", "client", "name",
            "title", "room", "action", "member", "csrf");

    /** Its own node, so that the failed logins it causes do not throttle other tests. */
    public static final class OwnNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kith.invites.site-name", "Fuzzed portal");
        }
    }

    @Inject
    AccountService accounts;

    @TestHTTPResource("/")
    java.net.URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private static String pick(Random r) {
        return NASTY.get(r.nextInt(NASTY.size()));
    }

    @Test
    void hostileFormPostsGetClientErrorsAndChangeNothing() throws Exception {
        if (accounts.find("fuzzmember").isEmpty()) {
            accounts.create("fuzzmember", PASSWORD, Role.USER);
        }
        Browser member = new Browser();
        member.logIn("fuzzmember", PASSWORD);
        member.get("/portal/account");
        String csrf = member.csrf();
        String cookie = "kith_portal=" + member.sessionCookie();
        Random random = new Random(4242L);
        for (int i = 0; i < 300; i++) {
            String form = FORMS.get(random.nextInt(FORMS.size()));
            boolean signedIn = random.nextBoolean();
            String what = "request " + i + " to " + form + (signedIn ? " as member" : " as stranger");
            if (random.nextInt(4) == 0) {
                byte[] body = new byte[random.nextInt(1500)];
                random.nextBytes(body);
                HttpRequest.Builder b = HttpRequest.newBuilder(base.toURI().resolve(form)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                if (signedIn) {
                    b.header("Cookie", cookie);
                }
                int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                assertThat(status).as(what).isBetween(200, 499);
                continue;
            }
            var spec = given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8");
            if (signedIn) {
                spec.header("Cookie", cookie);
            }
            for (String field : FIELDS) {
                if (random.nextInt(3) == 0) {
                    spec.formParam(field, field.equals("csrf") && random.nextBoolean() ? csrf : pick(random));
                }
            }
            Response r = spec.post(form);
            assertThat(r.statusCode()).as(what).isBetween(200, 499);
            assertThat(r.asString()).as(what).doesNotContain(SCRIPT);
            assertThat(r.header("Location") == null || !r.header("Location").contains("evil.example")).as(what).isTrue();
        }
        // The account is still there and its password unchanged.
        assertThat(accounts.find("fuzzmember")).isPresent();
        Response again = new Browser().logIn("fuzzmember", PASSWORD);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.asString()).contains("fuzzmember@localhost");
    }
}
