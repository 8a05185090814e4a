package im.kith.xmpp.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.kith.xmpp.sasl.ScramCredential;
import im.kith.xmpp.sasl.ScramHash;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.sasl.ScramHash;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class AdminApiTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AdminToken token;

    @Inject
    AccountService accounts;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DELETE FROM accounts");
        }
    }

    @Test
    void everyRouteRequiresTheToken() {
        String[][] routes = {{"GET", "/users"}, {"POST", "/users"}, {"PUT", "/users/a/password"},
                {"DELETE", "/users/a"}, {"POST", "/users/import"}, {"GET", "/status"}};
        for (String[] route : routes) {
            given().baseUri(api()).body("{}").request(route[0], route[1])
                    .then().statusCode(401).contentType(ContentType.JSON)
                    .header("WWW-Authenticate", "Bearer")
                    .body("error", startsWith("missing or wrong admin token"));
            given().baseUri(api()).header("Authorization", "Bearer " + "0".repeat(64))
                    .request(route[0], route[1]).then().statusCode(401);
        }
    }

    @Test
    void theTokenIs256RandomBitsInAFileOnlyTheOwnerCanRead() throws Exception {
        String value = Files.readString(token.file()).strip();

        assertThat(value).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token.file()))).isEqualTo("rw-------");
        assertThat(token.matches(value)).isTrue();
    }

    @Test
    void addCreatesAnAccountWithTheRequestedRole() {
        authorized().body("{\"user\":\"Alice\",\"password\":\"wonderland\",\"role\":\"admin\"}")
                .post("/users")
                .then().statusCode(201)
                .body("jid", equalTo("alice@localhost"))
                .body("role", equalTo("admin"))
                .body("disabled", equalTo(false));

        assertThat(accounts.find("alice").orElseThrow().role().name()).isEqualTo("ADMIN");
        assertThat(accounts.credentials("alice").toCompletableFuture().join().orElseThrow()
                .credential(ScramHash.SHA_256).orElseThrow().matches("wonderland")).isTrue();
    }

    @Test
    void addAnswersInTextWhenAskedTo() {
        authorized().accept("text/plain").body("{\"user\":\"bob@localhost\",\"password\":\"builder\"}")
                .post("/users")
                .then().statusCode(201).contentType(ContentType.TEXT)
                .body(equalTo("created bob@localhost (user)\n"));
    }

    @Test
    void addRefusesBadInputWithClearErrors() {
        accounts.create("carol", "existing-pw", im.kith.xmpp.account.Role.USER);

        expectError(authorized().body("{\"user\":\"carol\",\"password\":\"x1\"}").post("/users"), 409,
                "account carol exists already");
        expectError(authorized().body("{\"user\":\"two words\",\"password\":\"x1\"}").post("/users"), 400,
                "invalid account name 'two words'");
        expectError(authorized().body("{\"user\":\"dave@elsewhere.example\",\"password\":\"x1\"}").post("/users"),
                400, "'dave@elsewhere.example' is not an account of localhost");
        expectError(authorized().body("{\"user\":\"dave\"}").post("/users"), 400, "missing string field \"password\"");
        expectError(authorized().body("{\"user\":\"dave\",\"password\":\"x1\",\"role\":\"root\"}").post("/users"),
                400, "role must be one of limited, user, admin");
        expectError(authorized().body("not json").post("/users"), 400, "request body is not a JSON object");
        expectError(authorized().body("[1,2]").post("/users"), 400, "request body is not a JSON object");
        expectError(authorized().post("/users"), 400, "expected a JSON object in the request body");
    }

    @Test
    void passwdChangesThePasswordOfALocalpartOrJid() {
        accounts.create("erin", "first-pw", im.kith.xmpp.account.Role.USER);

        authorized().body("{\"password\":\"second-pw\"}").put("/users/{user}/password", "erin@localhost")
                .then().statusCode(200).body("jid", equalTo("erin@localhost"));

        assertThat(accounts.credentials("erin").toCompletableFuture().join().orElseThrow()
                .credential(ScramHash.SHA_256).orElseThrow().matches("second-pw")).isTrue();
        expectError(authorized().body("{\"password\":\"x\"}").put("/users/nobody/password"), 404,
                "no account nobody");
        expectError(authorized().body("{}").put("/users/erin/password"), 400, "missing string field \"password\"");
    }

    @Test
    void deleteRemovesTheAccountOnce() {
        accounts.create("frank", "some-pw", im.kith.xmpp.account.Role.USER);

        authorized().delete("/users/frank").then().statusCode(200).body("deleted", equalTo("frank@localhost"));

        expectError(authorized().delete("/users/frank"), 404, "no account frank@localhost");
        expectError(authorized().delete("/users/{user}", "a b"), 400, "invalid account name 'a b'");
    }

    @Test
    void listShowsEveryAccountAsJsonOrText() {
        accounts.create("gina", "some-pw", im.kith.xmpp.account.Role.USER);
        accounts.create("hank", "some-pw", im.kith.xmpp.account.Role.ADMIN);
        accounts.setDisabled("hank", true);

        authorized().get("/users").then().statusCode(200)
                .body("users.jid", hasItems("gina@localhost", "hank@localhost"))
                .body("users.find { it.localpart == 'hank' }.disabled", equalTo(true))
                .body("users.find { it.localpart == 'hank' }.role", equalTo("admin"));
        String text = authorized().accept("text/plain").get("/users").then().statusCode(200).extract().asString();
        assertThat(text.lines()).containsExactly(
                String.format("%-40s %-7s", "gina@localhost", "user").stripTrailing(),
                String.format("%-40s %-7s %s", "hank@localhost", "admin", "disabled"));
    }

    @Test
    void importTakesTheWholeFileInOneRequest() {
        accounts.create("ivy", "some-pw", im.kith.xmpp.account.Role.USER);
        String file = "jack secret-1\nkim secret-2\nivy again\na/b x\n";

        authorized().contentType("text/plain").body(file).post("/users/import")
                .then().statusCode(200)
                .body("created", equalTo(2))
                .body("skipped.line", hasItems(3, 4))
                .body("skipped.find { it.line == 3 }.reason", equalTo("account exists"));

        assertThat(accounts.exists("jack")).isTrue();
        assertThat(accounts.exists("kim")).isTrue();
        expectError(authorized().contentType("text/plain").body("  \n").post("/users/import"), 400,
                "the import file is empty");
    }

    @Test
    void importInScramFormatKeepsTheKeysAnotherServerDerived() {
        ScramCredential sha1 = ScramCredential.derive(ScramHash.SHA_1, "old-password", "salt-one".getBytes(), 10000);
        ScramCredential sha256 = ScramCredential.derive(ScramHash.SHA_256, "old-password", "salt-two".getBytes(), 4096);
        String file = "nora " + field(sha1) + " " + field(sha256) + "\n"
                + "oscar " + field(sha256) + "\n"
                + "pia SCRAM-SHA-512:4096:c2FsdA==:AA==:AA==\n"
                + "quinn SCRAM-SHA-1:4096:c2FsdA==:AA==:AA==\n";

        authorized().contentType("text/plain").body(file).post("/users/import?format=scram")
                .then().statusCode(200)
                .body("created", equalTo(2))
                .body("skipped.find { it.line == 3 }.reason", equalTo("unknown mechanism SCRAM-SHA-512 (SCRAM-SHA-1 or SCRAM-SHA-256)"))
                .body("skipped.find { it.line == 4 }.reason", equalTo("key length does not match SCRAM-SHA-1"));

        var nora = accounts.credentials("nora").toCompletableFuture().join().orElseThrow();
        assertThat(nora.credential(ScramHash.SHA_1).orElseThrow().iterations()).isEqualTo(10000);
        assertThat(nora.credential(ScramHash.SHA_1).orElseThrow().matches("old-password")).isTrue();
        assertThat(nora.credential(ScramHash.SHA_256).orElseThrow().matches("old-password")).isTrue();
        var oscar = accounts.credentials("oscar").toCompletableFuture().join().orElseThrow();
        assertThat(oscar.credential(ScramHash.SHA_1)).isEmpty();
        expectError(authorized().contentType("text/plain").body(file).post("/users/import?format=md5"), 400,
                "unknown import format 'md5' (passwords or scram)");
    }

    private static String field(ScramCredential c) {
        var b64 = java.util.Base64.getEncoder();
        return c.hash().mechanism() + ":" + c.iterations() + ":" + b64.encodeToString(c.salt()) + ":"
                + b64.encodeToString(c.storedKey()) + ":" + b64.encodeToString(c.serverKey());
    }

    @Test
    void importReportsInTextToo() {
        String text = authorized().accept("text/plain").contentType("text/plain").body("lena pw-1\nlena pw-2\n")
                .post("/users/import").then().statusCode(200).extract().asString();

        assertThat(text).startsWith("created 1 accounts in ").contains("\nline 2 (lena): same account as line 1\n");
    }

    @Test
    void statusReportsTheDomainAndAccounts() {
        accounts.create("mona", "some-pw", im.kith.xmpp.account.Role.USER);

        authorized().get("/status").then().statusCode(200)
                .body("running", equalTo(true))
                .body("domain", equalTo("localhost"))
                .body("accounts", equalTo(1));
        authorized().accept("text/plain").get("/status").then().statusCode(200)
                .body(startsWith("Kith is running\n"))
                .body(containsString("accounts:    1"));
    }

    /** The admin API on the management port (routes are absolute, not below the management root path). */
    private String api() {
        return "http://127.0.0.1:" + management.getPort() + AdminApi.PREFIX;
    }

    private RequestSpecification authorized() {
        return given().baseUri(api()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + tokenValue());
    }

    private String tokenValue() {
        try {
            return Files.readString(token.file()).strip();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void expectError(io.restassured.response.Response response, int status, String message) {
        response.then().statusCode(status).contentType(ContentType.JSON).body("error", startsWith(message));
    }
}
