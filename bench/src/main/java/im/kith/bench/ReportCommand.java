package im.kith.bench;

import im.kith.bench.report.ComparisonTable;
import im.kith.bench.report.ResultFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code report}: prints the comparison table. A column given as {@code NAME=} (no file) or with a file
 * that does not exist shows as not measured.
 */
final class ReportCommand {
    static final Set<String> OPTIONS = Set.of("subject", "peer", "out");

    private final Options options;
    private final PrintStream out;

    ReportCommand(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int call() throws IOException {
        ComparisonTable.Column subject = column(options.required("subject"), "not measured yet");
        List<ComparisonTable.Column> peers = new ArrayList<>();
        for (String peer : options.all("peer")) {
            peers.add(column(peer, "not run"));
        }
        String table = ComparisonTable.render(subject, peers, ComparisonTable.STANDARD_ROWS);
        out.print(table);
        String file = options.string("out", null);
        if (file != null) {
            Files.writeString(Path.of(file), table, StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static ComparisonTable.Column column(String spec, String missing) throws IOException {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=FILE, got '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        String file = spec.substring(eq + 1);
        if (file.isEmpty() || !Files.isRegularFile(Path.of(file))) {
            return new ComparisonTable.Column(name, null, missing);
        }
        return new ComparisonTable.Column(name, ResultFile.read(Path.of(file)), missing);
    }
}
