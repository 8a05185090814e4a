package im.kith.bench.provision;

import im.kith.bench.xmpp.Accounts;
import im.kith.bench.xmpp.Credentials;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs an administration command once per account, e.g. {@code prosodyctl register {user} {domain}
 * {password}}. Simple but slow when the command starts a runtime each time: for small account counts.
 */
public final class CommandPerAccount implements Provisioner {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final CommandTemplate command;
    private final String domain;

    public CommandPerAccount(String template, String domain) {
        this.command = new CommandTemplate(template);
        this.domain = domain;
    }

    @Override
    public void provision(Accounts accounts, PrintStream log) throws Exception {
        Path output = Files.createTempFile("kith-bench-provision", ".log");
        for (int i = 0; i < accounts.count(); i++) {
            Credentials c = accounts.credentials(i);
            command.run(Map.of("user", c.localpart(), "domain", domain, "password", c.password()), LIMIT, output);
        }
        log.println("  ran the command for " + accounts.count() + " accounts; output in " + output);
    }
}
