package im.kith.bench;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point: {@code run} benchmarks one server, {@code report} compares result files. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int status;
        try {
            status = switch (args[0]) {
                case "run" -> new RunCommand(Options.parse(rest, RunCommand.OPTIONS), out).call();
                case "report" -> new ReportCommand(Options.parse(rest, ReportCommand.OPTIONS), out).call();
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("kith-bench: " + e.getMessage());
            usage(System.err);
            status = 64;
        } catch (Exception e) {
            System.err.println("kith-bench: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: kith-bench run --port N --domain D [options]
                         --label NAME --host 127.0.0.1 --muc-domain D|auto --server-pid PID --clk-tck 100
                         --provision inband|command|import|none --provision-command 'cmd {user} {password}'
                         --scenarios idle-rss,idle,login,closed-small,closed-large,open,muc
                         --warmup S --duration S --drain S --settle S --setup-timeout S --deadline S
                         --small-sessions N --large-sessions N --window W --open-sessions N --open-rate R
                         --idle-sessions N --login-concurrency M --login-pool N --batch-concurrency N
                         --muc-occupants N --muc-senders N --muc-window W --out FILE
                       kith-bench report --subject NAME=FILE [--peer NAME=FILE ...] [--out FILE]
                """);
    }
}
