package im.kith.bench.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command line with {@code {placeholders}}, split on whitespace and run without a shell, so that
 * substituted values are never interpreted. Output goes to a log file; a command that outlives its time
 * limit is killed.
 */
record CommandTemplate(String template) {

    List<String> expand(Map<String, String> values) {
        List<String> argv = new ArrayList<>();
        for (String word : template.trim().split("\\s+")) {
            String expanded = word;
            for (Map.Entry<String, String> value : values.entrySet()) {
                expanded = expanded.replace("{" + value.getKey() + "}", value.getValue());
            }
            argv.add(expanded);
        }
        return argv;
    }

    /** Runs the expanded command and throws unless it exits 0 in time. */
    void run(Map<String, String> values, Duration limit, Path log) throws IOException, InterruptedException {
        List<String> argv = expand(values);
        Process process = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(argv.get(0) + " did not finish within " + limit);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IOException(argv.get(0) + " exited with " + process.exitValue() + ": " + tail);
        }
    }
}
