package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * An unmodified third-party client library, slixmpp (Debian's python3-slixmpp), against the assembled
 * node: SCRAM-SHA-256 over STARTTLS and direct TLS, mutual presence subscription, messages both ways,
 * and a message sent while the recipient is offline arriving with a delay stamp when it logs in.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ThirdPartyClientTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Test
    void slixmppUsersLogInSubscribeChatAndGetOfflineMessages() throws Exception {
        assumeTrue(slixmppAvailable(), "python3-slixmpp is not installed (test.sh installs it)");
        accounts.create("sliwa", "sliwa-passphrase", Role.USER);
        accounts.create("slibo", "slibo-passphrase", Role.USER);
        Path script = Files.createTempFile("conversation", ".py");
        try (var in = getClass().getResourceAsStream("/slixmpp/conversation.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(listeners.port()),
                String.valueOf(listeners.tlsPort()), "localhost", "sliwa", "sliwa-passphrase", "slibo",
                "slibo-passphrase").redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        Files.deleteIfExists(script);
        assertThat(output).contains("OK logged in", "OK mutual presence subscription", "OK messages both ways",
                "OK offline message delivered with delay stamp", "PASS");
        assertThat(p.exitValue()).isZero();
    }

    private static boolean slixmppAvailable() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import slixmpp").redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
