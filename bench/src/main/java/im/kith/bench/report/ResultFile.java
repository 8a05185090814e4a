package im.kith.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The measurements of one target: {@code key<TAB>value<TAB>unit} lines, e.g. {@code login.logins_per_s}. */
public record ResultFile(Map<String, String> values) {

    /** One measurement or fact; tabs and line breaks in values are replaced by spaces. */
    public record Line(String key, String value, String unit) {
        String format() {
            return key + '\t' + clean(value) + '\t' + clean(unit);
        }

        private static String clean(String s) {
            return s.replaceAll("[\\t\\r\\n]+", " ");
        }
    }

    public static ResultFile read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", -1);
            if (fields.length >= 2 && !line.startsWith("#")) {
                values.put(fields[0], fields[1]);
            }
        }
        return new ResultFile(values);
    }

    public static void write(Path file, List<Line> lines) throws IOException {
        Files.write(file, lines.stream().map(Line::format).toList(), StandardCharsets.UTF_8);
    }

    public String text(String key) {
        return values.get(key);
    }

    public OptionalDouble number(String key) {
        String value = values.get(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Sum of {@code *.suffix} over all scenarios, empty when no scenario reported it. */
    public OptionalDouble sum(String suffix) {
        double total = 0;
        boolean any = false;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey().endsWith("." + suffix)) {
                OptionalDouble value = number(entry.getKey());
                if (value.isPresent()) {
                    total += value.getAsDouble();
                    any = true;
                }
            }
        }
        return any ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}
