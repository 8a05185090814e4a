package im.kith.bench.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CPU time from {@code /proc/PID/stat} (utime and stime, fields 14 and 15, in clock ticks) and
 * resident memory from {@code VmRSS} in {@code /proc/PID/status}.
 */
public final class ProcessProbe {
    private final long pid;
    private final long nanosPerTick;
    private final Path stat;
    private final Path status;

    /** @param clockTicksPerSecond the system's {@code getconf CLK_TCK}, 100 on Linux/x86 */
    public ProcessProbe(long pid, long clockTicksPerSecond) {
        this.pid = pid;
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond;
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    public long pid() {
        return pid;
    }

    public boolean alive() {
        return Files.exists(stat);
    }

    public ProcessSample sample() {
        try {
            long now = System.nanoTime();
            return new ProcessSample(now, parseCpuTicks(Files.readString(stat)) * nanosPerTick,
                    parseRssKiB(Files.readString(status)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for process " + pid, e);
        }
    }

    /** utime + stime from a {@code stat} line; the command name in parentheses may contain spaces. */
    static long parseCpuTicks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long parseRssKiB(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no VmRSS line");
    }
}
