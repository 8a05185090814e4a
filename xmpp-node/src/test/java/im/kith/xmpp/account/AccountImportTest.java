package im.kith.xmpp.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.sasl.ScramCredential;
import im.kith.xmpp.sasl.ScramHash;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bulk provisioning of 10,000 accounts, measured: end to end, and the database part on its own. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class AccountImportTest {
    private static final int ACCOUNTS = 10_000;

    @Inject
    AccountService accounts;

    @Inject
    AccountStore store;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DELETE FROM accounts");
        }
    }

    @Test
    void importsTenThousandAccountsInOneCall() {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < ACCOUNTS; i++) {
            file.append("member").append(i).append(" password-of-member-").append(i).append('\n');
        }

        ImportResult result = accounts.importAccounts(new StringReader(file.toString()));

        System.out.printf("Imported %d accounts in %d ms: %.0f accounts/s (two PBKDF2 runs of %d iterations each,"
                + " on %d cores)%n", result.created(), result.elapsed().toMillis(),
                result.created() * 1000.0 / Math.max(1, result.elapsed().toMillis()), 4096,
                Runtime.getRuntime().availableProcessors());
        assertThat(result.created()).isEqualTo(ACCOUNTS);
        assertThat(result.skipped()).isEmpty();
        assertThat(accounts.count()).isEqualTo(ACCOUNTS);
        assertThat(accounts.credentials("member9999").toCompletableFuture().join().orElseThrow()
                .credential(ScramHash.SHA_256).orElseThrow().matches("password-of-member-9999")).isTrue();

        ImportResult again = accounts.importAccounts(new StringReader(file.toString()));
        assertThat(again.created()).isZero();
        assertThat(again.skipped()).hasSize(ACCOUNTS).allMatch(s -> s.reason().equals("account exists"));
    }

    @Test
    void importsTenThousandAccountsWithDerivedKeysByTheThousandPerSecond() {
        ScramCredential derived = ScramCredential.derive(ScramHash.SHA_256, "kept-password", new byte[16], 4096);
        Base64.Encoder b64 = Base64.getEncoder();
        String keys = "SCRAM-SHA-256:4096:" + b64.encodeToString(derived.salt()) + ":"
                + b64.encodeToString(derived.storedKey()) + ":" + b64.encodeToString(derived.serverKey());
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < ACCOUNTS; i++) {
            file.append("migrated").append(i).append(' ').append(keys).append('\n');
        }

        ImportResult result = accounts.importAccounts(new StringReader(file.toString()), ImportFormat.SCRAM);

        double perSecond = result.created() * 1000.0 / Math.max(1, result.elapsed().toMillis());
        System.out.printf("Imported %d accounts with derived SCRAM keys in %d ms: %.0f accounts/s%n",
                result.created(), result.elapsed().toMillis(), perSecond);
        assertThat(result.created()).isEqualTo(ACCOUNTS);
        assertThat(result.skipped()).isEmpty();
        assertThat(accounts.credentials("migrated4321").toCompletableFuture().join().orElseThrow()
                .credential(ScramHash.SHA_256).orElseThrow().matches("kept-password")).isTrue();
        // Thousands per second on an idle machine; the bound leaves room for a busy one.
        assertThat(perSecond).isGreaterThan(500);
    }

    @Test
    void theDatabaseTakesAccountsByTheThousand() throws Exception {
        List<ScramCredential> credentials = List.of(
                ScramCredential.derive(ScramHash.SHA_1, "shared", new byte[16], 4096),
                ScramCredential.derive(ScramHash.SHA_256, "shared", new byte[16], 4096));
        List<AccountStore.NewAccount> batch = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            batch.add(new AccountStore.NewAccount("bulk" + i, Role.USER, credentials));
        }

        long start = System.nanoTime();
        int inserted = store.insertAll(batch, Instant.now()).size();
        long ms = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("Inserted %d accounts with 2 credentials each in one transaction in %d ms: %.0f accounts/s%n",
                inserted, ms, inserted * 1000.0 / Math.max(1, ms));
        assertThat(inserted).isEqualTo(ACCOUNTS);
        // Thousands per second on an idle machine; the bound leaves room for a busy one.
        assertThat(inserted * 1000.0 / Math.max(1, ms)).isGreaterThan(500);
    }
}
