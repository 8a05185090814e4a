package im.kith.xmpp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartWritesA256BitTokenReadableByTheOwnerOnly() throws Exception {
        AdminToken token = new AdminToken(dataDir.resolve("sub"));

        assertThat(token.matches("x")).isFalse();

        String value = Files.readString(token.file()).strip();
        assertThat(value).matches("[0-9a-f]{64}");
        assertThat(token.matches(value)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token.file()))).isEqualTo("rw-------");
    }

    @Test
    void laterStartsReuseTheToken() throws Exception {
        AdminToken first = new AdminToken(dataDir);
        first.matches(null);
        String value = Files.readString(first.file()).strip();

        AdminToken second = new AdminToken(dataDir);

        assertThat(second.matches(value)).isTrue();
        assertThat(Files.readString(second.file()).strip()).isEqualTo(value);
    }

    @Test
    void aTokenFileOthersCanReadIsTightened() throws Exception {
        Path file = dataDir.resolve("admin.token");
        Files.writeString(file, "ab".repeat(32) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(new AdminToken(dataDir).matches("ab".repeat(32))).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedTokenFileIsReplaced() throws Exception {
        Files.writeString(dataDir.resolve("admin.token"), "not a token");
        AdminToken token = new AdminToken(dataDir);

        assertThat(token.matches("not a token")).isFalse();

        assertThat(Files.readString(token.file()).strip()).matches("[0-9a-f]{64}");
    }

    @Test
    void nullAndWrongTokensAreRefused() {
        AdminToken token = new AdminToken(dataDir);

        assertThat(token.matches(null)).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches("0".repeat(64))).isFalse();
    }
}
