package im.kith.xmpp.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** Parsing of import files, line by line, without a database. */
class ImportFileTest {

    @Test
    void aPasswordIsTheRestOfTheLineAsWritten() throws IOException {
        ImportFile.Parsed parsed = parse(ImportFormat.PASSWORDS, "  alice   correct horse battery  \n# comment\n\n");

        assertThat(parsed.entries()).singleElement().satisfies(e -> {
            assertThat(e.localpart()).isEqualTo("alice");
            assertThat(e.secret()).isEqualTo(new ImportFile.Secret.Password("correct horse battery  "));
        });
    }

    @Test
    void scramLinesNameWhatIsWrongWithThem() throws IOException {
        String sha1 = "SCRAM-SHA-1:4096:c2FsdA==:" + zeros(20) + ":" + zeros(20);
        ImportFile.Parsed parsed = parse(ImportFormat.SCRAM, String.join("\n",
                "a " + sha1,
                "b",
                "c SCRAM-SHA-1:many:c2FsdA==:AA==:AA==",
                "d SCRAM-SHA-1:4096:not*base64:AA==:AA==",
                "e SCRAM-SHA-1:4096::" + zeros(20) + ":" + zeros(20),
                "f SCRAM-SHA-1:0:c2FsdA==:" + zeros(20) + ":" + zeros(20),
                "g " + sha1 + " " + sha1,
                "h SCRAM-SHA-1:4096:c2FsdA==",
                "i " + sha1 + "\t SCRAM-SHA-256:4096:c2FsdA==:" + zeros(32) + ":" + zeros(32)));

        assertThat(parsed.entries()).extracting(ImportFile.Entry::localpart).containsExactly("a", "i");
        assertThat(((ImportFile.Secret.Derived) parsed.entries().get(1).secret()).credentials()).hasSize(2);
        assertThat(parsed.skipped()).extracting(ImportResult.Skipped::reason).containsExactly(
                "missing credentials",
                "the iteration count is not a number",
                "the salt is not base64",
                "the salt is empty",
                "iteration count must be positive",
                "SCRAM-SHA-1 is given twice",
                "expected MECHANISM:ITERATIONS:SALT:STOREDKEY:SERVERKEY, got 3 fields");
    }

    private static String zeros(int bytes) {
        return java.util.Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    private static ImportFile.Parsed parse(ImportFormat format, String text) throws IOException {
        return ImportFile.parse(new StringReader(text), format, s -> {
            if (s.contains("/")) {
                throw new AccountException(AccountException.Reason.INVALID, "invalid name");
            }
            return s;
        });
    }
}
