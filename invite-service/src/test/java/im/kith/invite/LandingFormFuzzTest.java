package im.kith.invite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;

/**
 * Hostile input to the invite landing page (its GET and its registration form), generated from a fixed
 * seed: every answer is a page with a 2xx or 4xx status, never a server error, nothing the client sent is
 * echoed unescaped, and an invite survives the abuse with its uses intact unless an account was made.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@io.quarkus.test.junit.TestProfile(LandingFormFuzzTest.OwnNode.class)
class LandingFormFuzzTest {

    /** Its own node: the failures it provokes fill the per-address throttles, which other tests must not see. */
    public static final class OwnNode implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("kith.invites.site-name", "Fuzzed Kith");
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final List<String> NASTY = List.of("", " ", "a", "\u0000", "\u202Eevil", "\uD83D\uDE00".repeat(50),
            "../../../../etc/passwd", SCRIPT, "%", "%zz", "%00", "a@b@c", "admin@localhost", "x".repeat(5_000),
            "\r\nSet-Cookie: hacked=1", "' OR '1'='1", "\uFFFF\uFFFE", "null", "名前", "ǅungla", "a/b", "\t\t");

    @Inject
    InviteService invites;

    @Inject
    AccountService accounts;

    private static String pick(Random r) {
        String base = NASTY.get(r.nextInt(NASTY.size()));
        return r.nextInt(4) == 0 ? base + NASTY.get(r.nextInt(NASTY.size())) : base;
    }

    private static String clip(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private static String csrf(String path) {
        Matcher m = CSRF.matcher(given().get(path).asString());
        return m.find() ? m.group(1) : "";
    }

    private static void assertHandled(Response r, String what) {
        assertThat(r.statusCode()).as(what).isBetween(200, 499);
        assertThat(r.asString()).as(what).doesNotContain(SCRIPT);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    /** Posts bytes as a form body, which need not be valid form encoding or UTF-8. */
    private void rawPost(String path, byte[] body, String what) {
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(java.time.Duration.ofSeconds(30))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(what).isBetween(200, 499);
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    @Test
    void hostileFormsAndPathsGetClientErrorsAndNeverAServerError() {
        CreatedInvite invite = invites.create(new InviteRequest(InviteKind.ACCOUNT, null, null, null, "fuzz", null, 1,
                null, List.of()));
        String path = "/invite/" + invite.token() + "/";
        String token = csrf(path);
        long before = accounts.count();
        Random random = new Random(20261202L);
        int created = 0;
        for (int i = 0; i < 300; i++) {
            // Headers and paths stay below the HTTP server's header limit (a larger request line or header gets
            // 431/414 and the connection closed while the client may still be writing); bodies get it all.
            String language = clip(pick(random));
            RequestSpecification spec = given().redirects().follow(false).header("Accept-Language", language);
            Response r;
            int kind = random.nextInt(6);
            String what = "request " + i + " (kind " + kind + ", Accept-Language " + language.length() + " chars: "
                    + language.substring(0, Math.min(40, language.length())) + ")";
            switch (kind) {
                case 0 -> r = spec.get("/invite/" + java.net.URLEncoder.encode(clip(pick(random)), StandardCharsets.UTF_8) + "/");
                case 1 -> {
                    // Fields in any combination, with the right or a wrong form token.
                    spec.contentType("application/x-www-form-urlencoded; charset=UTF-8");
                    for (String field : List.of("username", "password", "confirm", "csrf")) {
                        if (random.nextInt(5) > 0) {
                            spec.formParam(field, field.equals("csrf") && random.nextBoolean() ? token : pick(random));
                        }
                    }
                    r = spec.post(path);
                }
                case 2 -> {
                    // A raw body that is not valid form encoding or not UTF-8.
                    byte[] body = new byte[random.nextInt(2000)];
                    random.nextBytes(body);
                    rawPost(path, body, what);
                    continue;
                }
                case 3 -> r = spec.contentType("application/json").body("{\"username\":\"x\"}").post(path);
                case 4 -> {
                    // Repeated fields: the first counts, none crashes.
                    r = spec.contentType("application/x-www-form-urlencoded")
                            .body("username=a&username=b&password=" + pick(random) + "&password=x&csrf=" + token
                                    + "&csrf=" + token).post(path);
                }
                default -> r = spec.contentType("application/x-www-form-urlencoded; charset=UTF-8")
                        .formParam("username", pick(random)).formParam("password", "long enough secret")
                        .formParam("confirm", "long enough secret").formParam("csrf", token).post(path);
            }
            assertHandled(r, what);
            if (r.statusCode() == 200 && r.asString().contains("@localhost") && r.asString().contains("account")) {
                created++;
            }
        }
        // A single-use invite makes at most one account, whatever was thrown at it.
        assertThat(accounts.count() - before).isLessThanOrEqualTo(1);
        if (accounts.count() == before) {
            assertThat(invites.find(invite.token())).isPresent();
        }
        assertThat(created).isLessThanOrEqualTo(1);
    }
}
