package im.kith.bench;

import im.kith.bench.metrics.DeliveryCounts;
import im.kith.bench.metrics.ProcessProbe;
import im.kith.bench.provision.CommandPerAccount;
import im.kith.bench.provision.ImportFile;
import im.kith.bench.provision.InBandRegistration;
import im.kith.bench.provision.Provisioner;
import im.kith.bench.report.ResultFile;
import im.kith.bench.scenario.ClosedLoopScenario;
import im.kith.bench.scenario.IdleMemoryScenario;
import im.kith.bench.scenario.IdleRssScenario;
import im.kith.bench.scenario.LoginRateScenario;
import im.kith.bench.scenario.Metric;
import im.kith.bench.scenario.MucFanoutScenario;
import im.kith.bench.scenario.OpenLoopScenario;
import im.kith.bench.scenario.Scenario;
import im.kith.bench.scenario.ScenarioContext;
import im.kith.bench.scenario.ScenarioResult;
import im.kith.bench.scenario.ScenarioSkipped;
import im.kith.bench.scenario.Timing;
import im.kith.bench.xmpp.Accounts;
import im.kith.bench.xmpp.Target;
import im.kith.bench.xmpp.XmppConnector;
import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code run}: provisions accounts on one server and runs the chosen scenarios against it, printing each
 * result and writing them all to a result file. Only loopback targets are accepted. The whole run is
 * bounded by {@code --deadline}, after which the process exits whatever it is doing.
 */
final class RunCommand {
    static final Set<String> OPTIONS = Set.of("label", "host", "port", "domain", "muc-domain", "server-pid",
            "clk-tck", "provision", "provision-command", "scenarios", "warmup", "duration", "drain", "settle",
            "setup-timeout", "deadline", "small-sessions", "large-sessions", "window", "open-sessions",
            "open-rate", "idle-sessions", "login-concurrency", "login-pool", "batch-concurrency",
            "muc-occupants", "muc-senders", "muc-window", "out", "account-prefix");

    private static final String ALL_SCENARIOS = "idle-rss,idle,login,closed-small,closed-large,open,muc";

    private final Options options;
    private final PrintStream out;
    private final List<ResultFile.Line> lines = new ArrayList<>();

    RunCommand(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int call() throws Exception {
        Target target = new Target(options.string("host", "127.0.0.1"), options.integer("port", 5222),
                options.required("domain"));
        if (!InetAddress.getByName(target.host()).isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing non-loopback target " + target.host());
        }
        startDeadline(options.seconds("deadline", Duration.ofMinutes(15)));
        String label = options.string("label", target.domain());
        Timing timing = new Timing(
                options.seconds("warmup", Duration.ofSeconds(2)),
                options.seconds("duration", Duration.ofSeconds(10)),
                options.seconds("drain", Duration.ofSeconds(5)),
                options.seconds("settle", Duration.ofSeconds(3)),
                options.seconds("setup-timeout", Duration.ofMinutes(3)));
        List<Scenario> scenarios = scenarios();
        int accountCount = scenarios.stream().mapToInt(Scenario::accountsNeeded).max().orElse(0);
        Accounts accounts = new Accounts(options.string("account-prefix", "bench"), Math.max(1, accountCount));
        long clockTicks = options.number("clk-tck", 100);
        ProcessProbe probe = options.string("server-pid", null) == null ? null
                : new ProcessProbe(options.number("server-pid", 0), clockTicks);
        ProcessProbe generator = new ProcessProbe(ProcessHandle.current().pid(), clockTicks);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(true));
        int status = 0;
        try {
            XmppConnector connector = new XmppConnector(vertx, target, timing.setup());
            ScenarioContext context = new ScenarioContext(vertx, vertx.getOrCreateContext(), connector, accounts,
                    probe, generator, timing, options.integer("batch-concurrency", 100), out);
            out.printf("== %s: %s at %s:%d%s%n", label, target.domain(), target.host(), target.port(),
                    probe == null ? "" : ", server pid " + probe.pid());
            fact("label", label);
            fact("domain", target.domain());
            fact("loadavg_before", loadAverage());
            fact("generator_transport", vertx.isNativeTransportEnabled() ? "epoll" : "nio");
            fact("generator_tls", XmppConnector.tlsEngine());
            out.println("   generator: " + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO") + " transport, "
                    + XmppConnector.tlsEngine() + " TLS");

            boolean provisioned = false;
            for (Scenario scenario : scenarios) {
                if (!provisioned && scenario.accountsNeeded() > 0) {
                    try {
                        provision(context, target, accounts);
                        checkLogin(context);
                    } catch (Exception e) {
                        out.println("  FAILED: " + e.getMessage());
                        fact("error", "provisioning or the first login failed: " + e.getMessage());
                        status = 1;
                        break;
                    }
                    provisioned = true;
                }
                status |= runOne(scenario, context);
            }
            status |= correctness();
            fact("loadavg_after", loadAverage());
            connector.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
            String file = options.string("out", null);
            if (file != null) {
                ResultFile.write(Path.of(file), lines);
                out.println("results written to " + file);
            }
        }
        return status;
    }

    private List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        String mucDomain = options.string("muc-domain", "auto");
        for (String name : options.list("scenarios", ALL_SCENARIOS)) {
            switch (name) {
                case "idle-rss" -> scenarios.add(new IdleRssScenario(name));
                case "idle" -> scenarios.add(new IdleMemoryScenario(name, options.integer("idle-sessions", 5000)));
                case "login" -> {
                    int concurrency = options.integer("login-concurrency", 50);
                    scenarios.add(new LoginRateScenario(name, concurrency,
                            options.integer("login-pool", Math.max(200, 2 * concurrency))));
                }
                case "closed-small" -> scenarios.add(new ClosedLoopScenario(name,
                        options.integer("small-sessions", 100), options.integer("window", 8)));
                case "closed-large" -> scenarios.add(new ClosedLoopScenario(name,
                        options.integer("large-sessions", 1000), options.integer("window", 8)));
                case "open" -> scenarios.add(new OpenLoopScenario(name, options.integer("open-sessions", 100),
                        options.number("open-rate", 5000)));
                case "muc" -> scenarios.add(new MucFanoutScenario(name, mucDomain.equals("auto") ? null : mucDomain,
                        options.integer("muc-occupants", 200), options.integer("muc-senders", 10),
                        options.integer("muc-window", 2)));
                default -> throw new IllegalArgumentException("unknown scenario " + name);
            }
        }
        return scenarios;
    }

    private void provision(ScenarioContext context, Target target, Accounts accounts) throws Exception {
        String mode = options.string("provision", "inband");
        out.printf("-- provisioning %d accounts (%s)%n", accounts.count(), mode);
        Provisioner provisioner = switch (mode) {
            case "inband" -> new InBandRegistration(context.loop(), context.connector(), 8, Duration.ofMinutes(10));
            case "command" -> new CommandPerAccount(options.required("provision-command"), target.domain());
            case "import" -> new ImportFile(options.required("provision-command"));
            case "none" -> Provisioner.none();
            default -> throw new IllegalArgumentException("unknown provisioning " + mode);
        };
        long started = System.nanoTime();
        provisioner.provision(accounts, out);
        out.printf(Locale.ROOT, "  took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** One login before the scenarios, to fail early with a clear reason and to record the SASL mechanism. */
    private void checkLogin(ScenarioContext context) throws Exception {
        XmppSession session = context.await(context.onLoop(() -> context.connector()
                .login(context.accounts().credentials(0), "check", (s, stanza) -> { })), context.timing().setup());
        out.println("  logged in as " + session.jid() + " with " + session.mechanism().saslName());
        fact("sasl_mechanism", session.mechanism().saslName());
        context.await(context.onLoop(session::close), context.timing().setup());
    }

    private int runOne(Scenario scenario, ScenarioContext context) {
        out.println("-- " + scenario.name());
        long started = System.nanoTime();
        try {
            ScenarioResult result = scenario.run(context);
            for (Metric metric : result.metrics()) {
                out.printf(Locale.ROOT, "  %-20s %14s %s%n", metric.key(), format(metric.value()), metric.unit());
                lines.add(new ResultFile.Line(result.scenario() + "." + metric.key(),
                        Double.toString(metric.value()), metric.unit()));
            }
            DeliveryCounts d = result.deliveries();
            if (d != null) {
                out.println("  deliveries: " + d + (d.clean() ? "  OK" : "  VIOLATION"));
                String prefix = result.scenario() + ".";
                lines.add(new ResultFile.Line(prefix + "expected", Long.toString(d.expected()), "messages"));
                lines.add(new ResultFile.Line(prefix + "delivered", Long.toString(d.delivered()), "messages"));
                lines.add(new ResultFile.Line(prefix + "lost", Long.toString(d.lost()), "messages"));
                lines.add(new ResultFile.Line(prefix + "duplicated", Long.toString(d.duplicated()), "messages"));
                lines.add(new ResultFile.Line(prefix + "reordered", Long.toString(d.reordered()), "messages"));
                lines.add(new ResultFile.Line(prefix + "stale", Long.toString(d.stale()), "messages"));
            }
            out.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (ScenarioSkipped e) {
            out.println("  not applicable: " + e.getMessage());
            lines.add(new ResultFile.Line(scenario.name() + ".skipped", e.getMessage(), ""));
            return 0;
        } catch (Exception e) {
            out.println("  FAILED: " + e.getMessage());
            lines.add(new ResultFile.Line(scenario.name() + ".error", String.valueOf(e.getMessage()), ""));
            return 2;
        }
    }

    /** Prints the delivery totals over all scenarios; 2 unless nothing was lost, duplicated or reordered. */
    private int correctness() {
        long lost = sum(".lost");
        long duplicated = sum(".duplicated");
        long reordered = sum(".reordered");
        boolean clean = lost == 0 && duplicated == 0 && reordered == 0;
        out.printf("correctness: %d lost, %d duplicated, %d reordered over all scenarios: %s%n", lost, duplicated,
                reordered, clean ? "OK" : "VIOLATION");
        return clean ? 0 : 2;
    }

    private long sum(String suffix) {
        return lines.stream().filter(l -> l.key().endsWith(suffix)).mapToLong(l -> Long.parseLong(l.value())).sum();
    }

    /** The 1, 5 and 15 minute load averages, to judge whether other work disturbed the run. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void fact(String key, String value) {
        lines.add(new ResultFile.Line("info." + key, value, ""));
    }

    private static String format(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Ends the process after {@code limit}, whatever state the run is in. */
    private void startDeadline(Duration limit) {
        Thread.ofPlatform().daemon().name("deadline").start(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("kith-bench: deadline of " + limit.toSeconds() + " s reached, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
