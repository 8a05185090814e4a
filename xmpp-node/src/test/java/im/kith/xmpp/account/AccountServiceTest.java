package im.kith.xmpp.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.sasl.SaslAccount;
import im.kith.xmpp.sasl.ScramCredential;
import im.kith.xmpp.sasl.ScramHash;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class AccountServiceTest {

    @Inject
    AccountService accounts;

    @Inject
    RecordedAccountEvents events;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DELETE FROM accounts");
        }
        events.clear();
    }

    @Test
    void createNormalisesTheLocalpartAndReturnsTheAccount() {
        Account account = accounts.create("Alice", "correct horse", Role.USER);

        assertThat(account.localpart()).isEqualTo("alice");
        assertThat(account.jid().toString()).isEqualTo("alice@localhost");
        assertThat(account.role()).isEqualTo(Role.USER);
        assertThat(account.disabled()).isFalse();
        assertThat(accounts.find("ALICE")).contains(account);
        assertThat(accounts.find("alice@localhost")).contains(account);
        assertThat(accounts.exists("alice")).isTrue();
        assertThat(events.all()).containsExactly(new AccountCreated(account));
    }

    @Test
    void onlyScramVerifiersAreStored() throws Exception {
        accounts.create("bob", "hunter2-but-longer", Role.ADMIN);

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT mechanism, length(salt), iterations, length(stored_key), length(server_key) "
                                + "FROM account_credentials WHERE localpart = 'bob' ORDER BY mechanism");
                ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("SCRAM-SHA-1");
            assertThat(new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)})
                    .containsExactly(16, 4096, 20, 20);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("SCRAM-SHA-256");
            assertThat(new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)})
                    .containsExactly(16, 4096, 32, 32);
            assertThat(rs.next()).isFalse();
        }
        SaslAccount sasl = credentials("bob");
        assertThat(sasl.credential(ScramHash.SHA_256).orElseThrow().matches("hunter2-but-longer")).isTrue();
        assertThat(sasl.credential(ScramHash.SHA_1).orElseThrow().matches("hunter2-but-longer")).isTrue();
        assertThat(sasl.credential(ScramHash.SHA_256).orElseThrow().matches("hunter2")).isFalse();
    }

    @Test
    void passwordsArePreparedWithOpaqueString() {
        // U+2163 ROMAN NUMERAL FOUR stays as is under OpaqueString; U+00A0 NO-BREAK SPACE becomes a space.
        accounts.create("carol", "pass\u00A0word", Role.USER);

        assertThat(credentials("carol").credential(ScramHash.SHA_256).orElseThrow().matches("pass word")).isTrue();
    }

    @Test
    void aTakenNameIsRefusedWhateverItsCase() {
        accounts.create("dave", "secret-1", Role.USER);

        assertThatThrownBy(() -> accounts.create("DAVE", "secret-2", Role.USER))
                .isInstanceOfSatisfying(AccountException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountException.Reason.EXISTS))
                .hasMessage("account dave exists already");
    }

    @Test
    void invalidNamesAndPasswordsAreRefusedClearly() {
        assertInvalid(() -> accounts.create("", "secret", Role.USER), "account name is empty");
        assertInvalid(() -> accounts.create("two words", "secret", Role.USER), "invalid account name 'two words'");
        assertInvalid(() -> accounts.create("x@other.example", "secret", Role.USER),
                "'x@other.example' is not an account of localhost");
        assertInvalid(() -> accounts.create("erin", "", Role.USER), "invalid password: password is empty");
        assertInvalid(() -> accounts.create("erin", "bell\u0007", Role.USER), "invalid password");
        assertThat(accounts.exists("erin")).isFalse();
    }

    @Test
    void changingThePasswordReplacesTheVerifiers() {
        accounts.create("frank", "old-password", Role.USER);
        events.clear();

        accounts.changePassword("Frank", "new-password");

        ScramCredential sha256 = credentials("frank").credential(ScramHash.SHA_256).orElseThrow();
        assertThat(sha256.matches("new-password")).isTrue();
        assertThat(sha256.matches("old-password")).isFalse();
        assertThat(events.all()).containsExactly(new PasswordChanged("frank"));
    }

    @Test
    void changingThePasswordOfNobodyFails() {
        assertThatThrownBy(() -> accounts.changePassword("ghost", "whatever"))
                .isInstanceOfSatisfying(AccountException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountException.Reason.NOT_FOUND));
    }

    @Test
    void deleteRemovesTheAccountAndItsCredentialsOnce() {
        accounts.create("grace", "to-be-deleted", Role.USER);
        events.clear();

        assertThat(accounts.delete("grace@localhost")).isTrue();
        assertThat(accounts.delete("grace")).isFalse();
        assertThat(accounts.delete("not a name")).isFalse();

        assertThat(accounts.find("grace")).isEmpty();
        assertThat(accounts.credentials("grace").toCompletableFuture().join()).isEmpty();
        assertThat(events.all()).containsExactly(new AccountRemoved("grace"));
    }

    @Test
    void disablingIsVisibleToSaslAndAnnounced() {
        accounts.create("heidi", "some-password", Role.USER);
        events.clear();

        accounts.setDisabled("heidi", true);

        assertThat(credentials("heidi").disabled()).isTrue();
        assertThat(accounts.find("heidi").orElseThrow().disabled()).isTrue();
        assertThat(events.all()).containsExactly(new AccountDisabled("heidi"));

        accounts.setDisabled("heidi", false);
        assertThat(credentials("heidi").disabled()).isFalse();
    }

    @Test
    void rolesCanBeChanged() {
        accounts.create("ivan", "some-password", Role.LIMITED);

        accounts.setRole("ivan", Role.ADMIN);

        assertThat(accounts.find("ivan").map(Account::role)).contains(Role.ADMIN);
        assertThatThrownBy(() -> accounts.setRole("nobody", Role.USER)).isInstanceOf(AccountException.class);
    }

    @Test
    void listIsOrderedByLocalpart() {
        accounts.create("zed", "password-z", Role.USER);
        accounts.create("amy", "password-a", Role.ADMIN);

        assertThat(accounts.list()).extracting(Account::localpart).containsExactly("amy", "zed");
        assertThat(accounts.count()).isEqualTo(2);
    }

    @Test
    void theDecoySecretIsPersistentAndRandom() {
        byte[] secret = accounts.decoySecret();

        assertThat(secret).hasSize(32).isEqualTo(accounts.decoySecret());
    }

    @Test
    void importSkipsBadLinesDuplicatesAndExistingAccounts() {
        accounts.create("taken", "password-t", Role.USER);
        events.clear();
        String file = """
                # staff
                kate    first password
                Liam\tsecond
                kate another
                taken   whatever

                no-password
                a/b slash-is-not-allowed
                mia@localhost third
                """;

        ImportResult result = accounts.importAccounts(new StringReader(file));

        assertThat(result.created()).isEqualTo(3);
        assertThat(result.skipped()).extracting(ImportResult.Skipped::line, ImportResult.Skipped::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "kate"),
                        org.assertj.core.groups.Tuple.tuple(5, "taken"),
                        org.assertj.core.groups.Tuple.tuple(7, "no-password"),
                        org.assertj.core.groups.Tuple.tuple(8, "a/b"));
        assertThat(result.skipped().get(0).reason()).isEqualTo("same account as line 2");
        assertThat(result.skipped().get(1).reason()).isEqualTo("account exists");
        assertThat(result.skipped().get(2).reason()).isEqualTo("missing password");
        assertThat(result.skipped().get(3).reason()).startsWith("invalid account name 'a/b'");
        assertThat(accounts.list()).extracting(Account::localpart).containsExactly("kate", "liam", "mia", "taken");
        assertThat(credentials("kate").credential(ScramHash.SHA_256).orElseThrow().matches("first password"))
                .isTrue();
        assertThat(events.all()).hasSize(3);
    }

    private SaslAccount credentials(String localpart) {
        Optional<SaslAccount> account;
        try {
            account = accounts.credentials(localpart).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return account.orElseThrow();
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AccountException.class,
                e -> assertThat(e.reason()).isEqualTo(AccountException.Reason.INVALID))
                .hasMessageStartingWith(message);
    }
}
