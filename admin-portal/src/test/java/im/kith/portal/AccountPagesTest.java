package im.kith.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/** A member's own pages: password change, stored data, deleting the account, form tokens. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class AccountPagesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "staple tortoise lantern";

    @Inject
    AccountService accounts;

    @Inject
    DataSource db;

    private String newAccount() {
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, Role.USER);
        return name;
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndThenTheNewOneLogsIn() {
        String name = newAccount();
        Browser b = new Browser();
        b.logIn(name, PASSWORD);

        Response wrong = b.post("/portal/account/password", "current", "not it at all", "password", NEW_PASSWORD,
                "confirm", NEW_PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.asString()).contains("The current password is wrong.");

        Response shortOne = b.post("/portal/account/password", "current", PASSWORD, "password", "short",
                "confirm", "short");
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(shortOne.asString()).contains("at least 10 characters");

        Response mismatch = b.post("/portal/account/password", "current", PASSWORD, "password", NEW_PASSWORD,
                "confirm", NEW_PASSWORD + "x");
        assertThat(mismatch.statusCode()).isEqualTo(400);

        Response ok = b.post("/portal/account/password", "current", PASSWORD, "password", NEW_PASSWORD,
                "confirm", NEW_PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.asString()).contains("Your password is changed.");
        assertThat(b.get("/portal/account").asString()).contains(name + "@localhost");

        assertThat(new Browser().logIn(name, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new Browser().logIn(name, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void formPostWithoutTheSessionTokenIsRejectedAndChangesNothing() {
        String name = newAccount();
        Browser b = new Browser();
        b.logIn(name, PASSWORD);
        Response missing = b.postWithToken("/portal/account/password", null, "current", PASSWORD, "password",
                NEW_PASSWORD, "confirm", NEW_PASSWORD);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.asString()).contains("The form has expired").doesNotContain("Exception");
        Response forged = b.postWithToken("/portal/account/delete", "forged-token", "password", PASSWORD);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(accounts.exists(name)).isTrue();
        assertThat(new Browser().logIn(name, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void memberDeletesTheOwnAccountAfterConfirmingThePassword() {
        String name = newAccount();
        Browser b = new Browser();
        b.logIn(name, PASSWORD);
        b.get("/portal/account/delete");
        Response wrong = b.post("/portal/account/delete", "password", "not the password");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(accounts.exists(name)).isTrue();

        Response done = b.post("/portal/account/delete", "password", PASSWORD);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.asString()).contains("Account deleted");
        assertThat(accounts.exists(name)).isFalse();
        assertThat(b.hasSession()).isFalse();
        assertThat(new Browser().logIn(name, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void dataPageCountsWhatIsStoredWithoutShowingMessages() throws Exception {
        String name = newAccount();
        try (Connection c = db.getConnection();
                PreparedStatement contact = c.prepareStatement(
                        "INSERT INTO roster_items (owner, contact, subscription) VALUES (?, ?, 'both')");
                PreparedStatement offline = c.prepareStatement(
                        "INSERT INTO offline_messages (owner, stored_at, stanza) VALUES (?, ?, ?)")) {
            for (String other : new String[] {"anna@localhost", "ben@example.org"}) {
                contact.setString(1, name);
                contact.setString(2, other);
                contact.executeUpdate();
            }
            offline.setString(1, name);
            offline.setObject(2, java.sql.Timestamp.from(Instant.now()));
            offline.setString(3, "<message><body>secret body text</body></message>");
            offline.executeUpdate();
        }
        Browser b = new Browser();
        b.logIn(name, PASSWORD);
        String page = b.get("/portal/account/data").asString();
        assertThat(page).contains("What Kith stores about you")
                .contains("<dd id=\"contacts\">2</dd>")
                .contains("<dd id=\"offline\">1</dd>")
                .contains("<dd id=\"archived\">0</dd>")
                .contains("Archived messages are deleted after 7 days.")
                .contains("SCRAM-SHA-256")
                .doesNotContain("secret body text");
    }

    @Test
    void dataPageListsAppsWithLoginTokensAndLogsOneOut() throws Exception {
        String name = newAccount();
        String client = UUID.randomUUID().toString();
        try (Connection c = db.getConnection();
                PreparedStatement token = c.prepareStatement("INSERT INTO fast_tokens (localpart, client_id, slot,"
                        + " mechanism, token_hash, expires_at, created_at, software, device)"
                        + " VALUES (?, ?, 'current', 'HT-SHA-256-NONE', ?, ?, ?, ?, 'Pixel <7>')")) {
            for (String[] app : new String[][] {{client, "Conversations"}, {UUID.randomUUID().toString(), "Dino"}}) {
                token.setString(1, name);
                token.setString(2, app[0]);
                token.setBytes(3, new byte[32]);
                token.setObject(4, java.sql.Timestamp.from(Instant.now().plusSeconds(86_400)));
                token.setObject(5, java.sql.Timestamp.from(Instant.now()));
                token.setString(6, app[1]);
                token.executeUpdate();
            }
        }
        Browser b = new Browser();
        b.logIn(name, PASSWORD);
        String page = b.get("/portal/account/data").asString();
        assertThat(page).contains("Apps that stay logged in").contains("Conversations").contains("Dino")
                .contains("Pixel &lt;7&gt;").doesNotContain("Pixel <7>");

        Response out = b.post("/portal/account/devices/logout", "client", client);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.asString()).contains("The app is logged out").doesNotContain("Conversations").contains("Dino");
        try (Connection c = db.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM fast_tokens WHERE localpart = ?")) {
            count.setString(1, name);
            try (var rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        assertThat(b.post("/portal/account/devices/logout", "client", "").statusCode()).isEqualTo(400);
    }
}
