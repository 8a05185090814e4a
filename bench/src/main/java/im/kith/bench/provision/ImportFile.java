package im.kith.bench.provision;

import im.kith.bench.xmpp.Accounts;
import im.kith.bench.xmpp.Credentials;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@code localpart password} line per account to a file and runs a command that imports it,
 * e.g. {@code bin/kithctl user import {file}}.
 */
public final class ImportFile implements Provisioner {
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final CommandTemplate command;

    public ImportFile(String template) {
        this.command = new CommandTemplate(template);
    }

    @Override
    public void provision(Accounts accounts, PrintStream log) throws Exception {
        List<String> lines = new ArrayList<>(accounts.count());
        for (int i = 0; i < accounts.count(); i++) {
            Credentials c = accounts.credentials(i);
            lines.add(c.localpart() + " " + c.password());
        }
        Path file = Files.createTempFile("kith-bench-accounts", ".txt");
        Path output = Files.createTempFile("kith-bench-import", ".log");
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            command.run(Map.of("file", file.toString()), LIMIT, output);
        } finally {
            Files.deleteIfExists(file);
        }
        log.println("  imported " + accounts.count() + " accounts; output in " + output);
    }
}
