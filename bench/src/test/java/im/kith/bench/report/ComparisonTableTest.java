package im.kith.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.kith.bench.report.ComparisonTable.Better;
import im.kith.bench.report.ComparisonTable.Column;
import im.kith.bench.report.ComparisonTable.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    private static Column column(String name, Map<String, String> values) {
        return new Column(name, new ResultFile(values), "missing");
    }

    @Test
    void ratioIsAgainstTheBestPeerInTheRowsDirection() {
        Column subject = column("K", Map.of("t.rate", "300", "t.p99", "2"));
        Column a = column("A", Map.of("t.rate", "100", "t.p99", "4"));
        Column b = column("B", Map.of("t.rate", "200", "t.p99", "8"));
        String table = ComparisonTable.render(subject, List.of(a, b), List.of(
                new Row("rate", "t.rate", Better.HIGHER, 250.0),
                new Row("p99", "t.p99", Better.LOWER, 1.5)));

        assertTrue(table.contains("| rate | 300 | 100 | 200 | ≥ 250 | 1.50× |"), table);
        assertTrue(table.contains("| p99 | 2 | 4 | 8 | ≤ 1.50 | 0.50× |"), table);
    }

    @Test
    void showsMissingFailedAndSkippedResults() {
        Column subject = new Column("K", null, "not measured yet");
        Column a = column("A", Map.of("t.error", "boom"));
        Column b = column("B", Map.of("t.skipped", "no service"));
        String table = ComparisonTable.render(subject, List.of(a, b),
                List.of(new Row("rate of {t.n} things", "t.rate", Better.HIGHER, null)));

        assertTrue(table.contains("| rate of ? things | not measured yet | failed | n/a | – | – |"), table);
    }

    @Test
    void sumsCorrectnessOverScenarios() {
        Column subject = column("K", Map.of("a.lost", "1", "b.lost", "2", "a.duplicated", "0", "b.reordered", "5"));
        String table = ComparisonTable.render(subject, List.of(),
                List.of(new Row("errors", ComparisonTable.CORRECTNESS, Better.LOWER, 0.0)));

        assertTrue(table.contains("| errors | 3 / 0 / 5 | 0 / 0 / 0 | – |"), table);
    }

    @Test
    void labelsTakeParametersFromTheResults() {
        Column subject = new Column("K", null, "not measured yet");
        Column a = column("A", Map.of("c.sessions", "1000.0"));
        String table = ComparisonTable.render(subject, List.of(a),
                List.of(new Row("closed loop, {c.sessions} sessions", "c.rate", Better.HIGHER, null)));

        assertTrue(table.contains("| closed loop, 1,000 sessions |"), table);
    }

    @Test
    void showsTextFactsAsTheyAre() {
        Column subject = column("K", Map.of("info.sasl_mechanism", "SCRAM-SHA-256"));
        Column peer = column("P", Map.of("info.sasl_mechanism", "SCRAM-SHA-1"));
        String table = ComparisonTable.render(subject, List.of(peer),
                List.of(new Row("SASL", "info.sasl_mechanism", Better.HIGHER, null)));

        assertTrue(table.contains("| SASL | SCRAM-SHA-256 | SCRAM-SHA-1 | – | – |"), table);
    }

    @Test
    void formatsNumbersForReading() {
        assertEquals("41,234", ComparisonTable.format(41_234.4));
        assertEquals("45.8", ComparisonTable.format(45.77));
        assertEquals("1.25", ComparisonTable.format(1.2549));
        assertEquals("0.125", ComparisonTable.format(0.12549));
        assertEquals("0", ComparisonTable.format(0));
    }
}
