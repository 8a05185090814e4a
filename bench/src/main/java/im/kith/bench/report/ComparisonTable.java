package im.kith.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown table comparing one subject server with its peers: a column per server, the subject's target,
 * and the subject's value divided by the best peer's (best meaning highest or lowest, per row).
 */
public final class ComparisonTable {

    /** Which direction is better for a row. */
    public enum Better { HIGHER, LOWER }

    /**
     * @param label text of the first cell; {@code {key}} placeholders take values from the results
     * @param key the result key shown (a number, or text such as {@code info.sasl_mechanism}), or
     *     {@link #CORRECTNESS} for lost/duplicated/reordered totals
     * @param target the subject's target, or {@code null}
     */
    public record Row(String label, String key, Better better, Double target) {}

    /** @param results the server's results, or {@code null} when it was not measured */
    public record Column(String name, ResultFile results, String missing) {}

    public static final String CORRECTNESS = "*correctness*";

    /** The rows Kith is held to, in the order of its requirements. */
    public static final List<Row> STANDARD_ROWS = List.of(
            new Row("Messages/s, closed loop, {closed-small.sessions} sessions (window {closed-small.window})",
                    "closed-small.msgs_per_s", Better.HIGHER, 40_000.0),
            new Row("Messages/s, closed loop, {closed-large.sessions} sessions (window {closed-large.window})",
                    "closed-large.msgs_per_s", Better.HIGHER, 30_000.0),
            new Row("p99 latency (ms), open loop at {open.target_rate} msgs/s", "open.p99_ms", Better.LOWER, 1.5),
            new Row("Messages/s achieved in that open loop", "open.msgs_per_s", Better.HIGHER, null),
            new Row("KiB per idle authenticated STARTTLS session (N={idle.sessions})", "idle.kb_per_session",
                    Better.LOWER, 30.0),
            new Row("Logins/s, STARTTLS + SCRAM + bind + presence ({login.concurrency} concurrent)",
                    "login.logins_per_s", Better.HIGHER, 1_500.0),
            new Row("Idle RSS after start (MiB)", "idle-rss.rss_mb", Better.LOWER, 100.0),
            new Row("MUC fan-out, deliveries/s ({muc.occupants} occupants, {muc.senders} senders)",
                    "muc.deliveries_per_s", Better.HIGHER, null),
            new Row("MUC fan-out, p99 delivery latency (ms)", "muc.p99_ms", Better.LOWER, null),
            new Row("Lost / duplicated / reordered messages, all scenarios", CORRECTNESS, Better.LOWER, 0.0),
            new Row("SASL mechanism used", "info.sasl_mechanism", Better.HIGHER, null),
            new Row("Load average (1, 5, 15 min) when the target's run started", "info.loadavg_before",
                    Better.LOWER, null));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_.-]+)}");

    private ComparisonTable() {}

    public static String render(Column subject, List<Column> peers, List<Row> rows) {
        List<Column> all = new ArrayList<>();
        all.add(subject);
        all.addAll(peers);
        StringBuilder out = new StringBuilder("| Metric |");
        all.forEach(c -> out.append(' ').append(c.name()).append(" |"));
        out.append(' ').append(subject.name()).append(" target | ratio ").append(subject.name())
                .append("/best peer |\n|---|");
        all.forEach(c -> out.append("---:|"));
        out.append("---:|---:|\n");
        for (Row row : rows) {
            out.append("| ").append(label(row.label(), all)).append(" |");
            all.forEach(c -> out.append(' ').append(cell(row, c)).append(" |"));
            out.append(' ').append(target(row)).append(" | ").append(ratio(row, subject, peers)).append(" |\n");
        }
        return out.toString();
    }

    private static String label(String template, List<Column> columns) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = "?";
            for (Column c : columns) {
                if (c.results() != null && c.results().number(m.group(1)).isPresent()) {
                    value = format(c.results().number(m.group(1)).getAsDouble());
                    break;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String cell(Row row, Column column) {
        ResultFile results = column.results();
        if (results == null) {
            return column.missing();
        }
        if (row.key().equals(CORRECTNESS)) {
            OptionalDouble lost = results.sum("lost");
            if (lost.isEmpty()) {
                return "–";
            }
            return format(lost.getAsDouble()) + " / " + format(results.sum("duplicated").orElse(0)) + " / "
                    + format(results.sum("reordered").orElse(0));
        }
        OptionalDouble value = results.number(row.key());
        if (value.isPresent()) {
            return format(value.getAsDouble());
        }
        if (results.text(row.key()) != null) {
            return results.text(row.key());
        }
        String scenario = row.key().substring(0, row.key().indexOf('.'));
        if (results.text(scenario + ".skipped") != null) {
            return "n/a";
        }
        return results.text(scenario + ".error") != null || results.text("info.error") != null ? "failed" : "–";
    }

    private static String target(Row row) {
        if (row.target() == null) {
            return "–";
        }
        if (row.key().equals(CORRECTNESS)) {
            return "0 / 0 / 0";
        }
        return (row.better() == Better.HIGHER ? "≥ " : "≤ ") + format(row.target());
    }

    private static String ratio(Row row, Column subject, List<Column> peers) {
        if (row.key().equals(CORRECTNESS) || subject.results() == null) {
            return "–";
        }
        OptionalDouble mine = subject.results().number(row.key());
        OptionalDouble best = OptionalDouble.empty();
        for (Column peer : peers) {
            if (peer.results() != null) {
                OptionalDouble v = peer.results().number(row.key());
                if (v.isPresent() && (best.isEmpty() || (row.better() == Better.HIGHER
                        ? v.getAsDouble() > best.getAsDouble() : v.getAsDouble() < best.getAsDouble()))) {
                    best = v;
                }
            }
        }
        if (mine.isEmpty() || best.isEmpty() || best.getAsDouble() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", mine.getAsDouble() / best.getAsDouble());
    }

    /** Thousands separators for large values, three significant digits or so for small ones. */
    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
