package im.kith.xmpp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.sasl.ScramHash;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Runs bin/kithctl as a process against the running test node. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class KithctlTest {
    private static final Path KITHCTL = Path.of("..", "bin", "kithctl").toAbsolutePath().normalize();

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AdminToken token;

    @Inject
    AccountService accounts;

    @Inject
    DataSource dataSource;

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DELETE FROM accounts");
        }
    }

    @Test
    void userAddReadsThePasswordFromStandardInput() throws Exception {
        Result r = kithctl("correct horse\n", "user", "add", "Nora");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("created nora@localhost (user)\n");
        assertThat(matches("nora", "correct horse")).isTrue();
    }

    @Test
    void userAddWithAdminCreatesAnAdministrator() throws Exception {
        Result r = kithctl("quote\"and\\backslash", "user", "add", "oscar@localhost", "--admin");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(accounts.find("oscar").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(matches("oscar", "quote\"and\\backslash")).isTrue();
    }

    @Test
    void failuresExitWithTheApisMessage() throws Exception {
        accounts.create("paul", "first-pw", Role.USER);

        Result taken = kithctl("pw\n", "user", "add", "paul");
        Result missing = kithctl("", "user", "add", "quinn");
        Result unknown = kithctl("", "user", "delete", "nobody");

        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("kithctl: account paul exists already\n");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("kithctl: no password on standard input\n");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("kithctl: no account nobody@localhost\n");
    }

    @Test
    void passwdListAndDeleteWorkOnJidsAndLocalparts() throws Exception {
        accounts.create("rita", "first-pw", Role.USER);
        accounts.create("sam", "first-pw", Role.LIMITED);

        Result passwd = kithctl("second-pw\n", "user", "passwd", "rita@localhost");
        Result list = kithctl("", "user", "list");
        Result delete = kithctl("", "user", "delete", "sam");

        assertThat(passwd.exit()).as(passwd.err()).isZero();
        assertThat(passwd.out()).isEqualTo("password of rita@localhost changed\n");
        assertThat(matches("rita", "second-pw")).isTrue();
        assertThat(list.out().lines().map(String::strip)).containsExactly(
                "rita@localhost                           user", "sam@localhost                            limited");
        assertThat(delete.out()).isEqualTo("deleted sam@localhost\n");
        assertThat(accounts.exists("sam")).isFalse();
    }

    @Test
    void importSendsTheFile() throws Exception {
        Path file = tmp.resolve("members.txt");
        Files.writeString(file, "# members\ntina pw-of-tina\numa pw of uma\ntina again\n");

        Result r = kithctl("", "user", "import", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("created 2 accounts in ").endsWith("line 4 (tina): same account as line 2\n");
        assertThat(matches("uma", "pw of uma")).isTrue();
    }

    @Test
    void importWithScramSendsDerivedKeys() throws Exception {
        var derived = im.kith.xmpp.sasl.ScramCredential.derive(ScramHash.SHA_256, "pw-of-vera", new byte[16], 4096);
        var b64 = java.util.Base64.getEncoder();
        Path file = tmp.resolve("keys.txt");
        Files.writeString(file, "vera SCRAM-SHA-256:4096:" + b64.encodeToString(derived.salt()) + ":"
                + b64.encodeToString(derived.storedKey()) + ":" + b64.encodeToString(derived.serverKey()) + "\n");

        Result r = kithctl("", "user", "import", "--scram", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("created 1 accounts in ");
        assertThat(matches("vera", "pw-of-vera")).isTrue();
    }

    @Test
    void statusShowsTheRunningNode() throws Exception {
        Result r = kithctl("", "status");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Kith is running\ndomain:      localhost\n");
    }

    @Test
    void aNodeThatIsNotRunningIsReportedClearly() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        Result r = run(Map.of("KITH_ADMIN_PORT", String.valueOf(closed)), "", "status");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kithctl: Kith is not running (no answer on 127.0.0.1:" + closed + ")\n");
    }

    @Test
    void aMissingTokenIsReportedClearly() throws Exception {
        Result r = run(Map.of("KITH_DATA_DIR", tmp.toString()), "", "user", "list");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("kithctl: no admin token in " + tmp.resolve("admin.token"));
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result r = kithctl("", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("user add LOCALPART|JID [--admin]", "user import [--scram] FILE", "status");
    }

    private boolean matches(String localpart, String password) {
        return accounts.credentials(localpart).toCompletableFuture().join().orElseThrow()
                .credential(ScramHash.SHA_256).orElseThrow().matches(password);
    }

    private Result kithctl(String stdin, String... args) throws Exception {
        return run(Map.of(), stdin, args);
    }

    private Result run(Map<String, String> overrides, String stdin, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KITH_ADMIN_PORT", String.valueOf(management.getPort()));
        env.put("KITH_DATA_DIR", token.file().getParent().toString());
        env.putAll(overrides);
        List<String> command = new ArrayList<>(List.of("bash", KITHCTL.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kithctl finished").isTrue();
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
