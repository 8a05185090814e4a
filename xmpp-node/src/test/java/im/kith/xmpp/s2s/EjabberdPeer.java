package im.kith.xmpp.s2s;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import im.kith.testkit.TestDnsServer;
import im.kith.testkit.TestPki;

/**
 * A real ejabberd (from the distribution package) as federation peer for {@code ejabberd.test}, with a
 * MUC service on {@code conference.ejabberd.test}. Kith gets a certificate for {@code localhost} (and its
 * {@code groups.} and {@code share.} hosts) from a test CA that ejabberd trusts. How ejabberd's streams
 * authenticate depends on the resource argument {@value #AUTHENTICATION}:
 * <ul>
 * <li>{@value #SASL_EXTERNAL} (the default): ejabberd's certificate comes from the same CA, which Kith
 * trusts, and ejabberd has no dialback module, so every stream authenticates by SASL EXTERNAL;
 * <li>{@value #DIALBACK}: ejabberd's certificate is self-signed, Kith lists ejabberd's domains in
 * KITH_S2S_INSECURE_DOMAINS, and ejabberd runs {@code mod_s2s_dialback}, so every stream authenticates by
 * Server Dialback, each server verifying the other's keys.
 * </ul>
 * ejabberd connects to {@code localhost} (resolved from its host table, no SRV lookup for a dotless
 * name) on Kith's s2s port given as {@code outgoing_s2s_port}. Its Erlang resolver is pointed (inetrc)
 * at a {@link TestDnsServer} on loopback, never the machine's resolvers, whose SRV record for
 * {@code _xmpp-server._tcp.groups.localhost} leads ejabberd to the same port for Kith's MUC service.
 *
 * <p>Configuration, Mnesia spool, logs and Erlang cookie live in a temporary directory; listeners and
 * the Erlang distribution port are on loopback, no epmd is used, and the node is stopped at the end.
 * Debian's {@code ejabberdctl} only runs as root (switching to the {@code ejabberd} user) or as that
 * user, so the peer is unavailable to other users.
 */
public class EjabberdPeer implements QuarkusTestResourceLifecycleManager {
    static final String DOMAIN = "ejabberd.test";
    static final String MUC_DOMAIN = "conference." + DOMAIN;
    static final String KITH_DOMAIN = "localhost";
    static final String PASSWORD = "ejabberd-pass-1";
    static final List<String> USERS = List.of("juliet", "nurse", "tybalt", "mercutio");
    static final String AUTHENTICATION = "authentication";
    static final String SASL_EXTERNAL = "sasl-external";
    static final String DIALBACK = "dialback";

    private static final Path EJABBERDCTL = Path.of("/usr/sbin/ejabberdctl");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final String RUN_AS = "ejabberd";

    private static volatile int c2sPort;
    private static volatile String unavailable;
    private boolean dialback;
    private TestDnsServer dns;
    private Path dir;
    private Process ejabberd;
    private List<String> ctl;
    private Thread reaper;

    static int c2sPort() {
        return c2sPort;
    }

    /** Why ejabberd could not be used, or null when it runs. */
    static String unavailable() {
        return unavailable;
    }

    @Override
    public void init(Map<String, String> args) {
        String mode = args.getOrDefault(AUTHENTICATION, SASL_EXTERNAL);
        if (!mode.equals(SASL_EXTERNAL) && !mode.equals(DIALBACK)) {
            throw new IllegalArgumentException(AUTHENTICATION + " must be " + SASL_EXTERNAL + " or " + DIALBACK
                    + ", not " + mode);
        }
        dialback = mode.equals(DIALBACK);
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("kith-ejabberd-");
            TestPki pki = TestPki.create("Kith ejabberd federation test CA");
            Path certs = dir.resolve("certs");
            Files.createDirectories(certs);
            Files.writeString(certs.resolve("ca.pem"), pki.caPem());
            TestPki.Issued peer = dialback ? TestPki.selfSigned(List.of(DOMAIN, MUC_DOMAIN))
                    : pki.issue("decoy-cn.invalid", List.of(DOMAIN, MUC_DOMAIN), List.of());
            Files.writeString(certs.resolve("ejabberd.pem"), peer.chainPem() + peer.ecKeyWithPublicPem());
            Path kithData = dir.resolve("kith-data");
            pki.issue("decoy-cn.invalid", List.of(KITH_DOMAIN, "groups." + KITH_DOMAIN, "share." + KITH_DOMAIN),
                    List.of()).writeTo(kithData.resolve("certs"), "fullchain.pem", "privkey.pem");
            int kithS2sPort = freePort();
            int s2sPort = freePort();
            int distPort = freePort();
            c2sPort = freePort();
            Map<String, String> kith = new HashMap<>(Map.of(
                    "kith.data-dir", kithData.toString(),
                    "kith.s2s.port", String.valueOf(kithS2sPort),
                    "kith.s2s.ca", certs.resolve("ca.pem").toString(),
                    "kith.s2s.hosts", DOMAIN + "=127.0.0.1:" + s2sPort + "," + MUC_DOMAIN + "=127.0.0.1:" + s2sPort));
            if (dialback) {
                kith.put("kith.s2s.insecure-domains", DOMAIN + "," + MUC_DOMAIN);
            }
            unavailable = launcher();
            if (unavailable != null) {
                // Surefire counts a class aborted in @BeforeAll as no tests at all, so say why here too.
                System.err.println("EjabberdFederationTest is skipped: " + unavailable);
                return kith;
            }
            writeConfig(s2sPort, kithS2sPort, distPort);
            if (ctl.get(0).equals(SETPRIV.toString())) {
                run(List.of("chown", "-R", RUN_AS + ":" + RUN_AS, dir.toString()), Duration.ofSeconds(10));
            }
            List<String> foreground = new ArrayList<>(ctl);
            foreground.add("foreground");
            ejabberd = new ProcessBuilder(foreground).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ejabberd.out").toFile()).start();
            reaper = new Thread(this::kill, "ejabberd-peer-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            awaitPort(c2sPort, Duration.ofSeconds(60));
            for (String user : USERS) {
                ctl(Duration.ofSeconds(30), "register", user, DOMAIN, PASSWORD);
            }
            return kith;
        } catch (Exception e) {
            String log = dir == null ? "" : tail(dir.resolve("ejabberd.out"));
            stop();
            throw new IllegalStateException("cannot set up the ejabberd peer: " + e.getMessage() + "\n" + log, e);
        }
    }

    /** Sets {@link #ctl} to the ejabberdctl command line for this instance; returns why it cannot run, or null. */
    private String launcher() {
        if (!Files.isExecutable(EJABBERDCTL)) {
            return "ejabberd is not installed (apt-get install ejabberd)";
        }
        List<String> c = new ArrayList<>();
        String user = System.getProperty("user.name");
        if ("root".equals(user)) {
            if (!Files.isExecutable(SETPRIV)) {
                return "setpriv (util-linux) is needed to start ejabberd as its own user";
            }
            // ejabberdctl would switch users with su itself; setpriv keeps this process's limits.
            c.addAll(List.of(SETPRIV.toString(), "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups", "--"));
        } else if (!RUN_AS.equals(user)) {
            return "ejabberdctl only runs as root or as the ejabberd user, not as " + user;
        }
        c.addAll(List.of("env", "HOME=" + dir, EJABBERDCTL.toString(),
                "--config-dir", dir.toString(),
                "--config", dir.resolve("ejabberd.yml").toString(),
                "--ctl-config", dir.resolve("ejabberdctl.cfg").toString(),
                "--spool", dir.resolve("spool").toString(),
                "--logs", dir.resolve("logs").toString()));
        ctl = c;
        return null;
    }

    private void writeConfig(int s2sPort, int kithS2sPort, int distPort) throws IOException {
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("logs"));
        // Erlang's resolver (ERL_INETRC): localhost from the host table, anything else from the test's DNS
        // server only, never the machine's resolvers.
        // ejabberd asks DNS itself for the SRV records of dotted domains: Kith's MUC service is found there.
        dns = TestDnsServer.start().srv("_xmpp-server._tcp.groups." + KITH_DOMAIN,
                new TestDnsServer.Srv(0, 0, kithS2sPort, "localhost."));
        Files.writeString(dir.resolve("inetrc"), """
                {host, {127,0,0,1}, ["localhost"]}.
                {resolv_conf, ""}.
                {hosts_file, ""}.
                {nameserver, {127,0,0,1}, %1$d}.
                {lookup, [file, dns]}.
                """.formatted(dns.port()));
        Files.writeString(dir.resolve("ejabberdctl.cfg"), """
                ERLANG_NODE=kith-ejabberd-%1$d@localhost
                EJABBERD_PID_PATH=%2$s/ejabberd.pid
                ERL_DIST_PORT=%1$d
                ERL_OPTIONS="-kernel inet_dist_use_interface {127,0,0,1} -env ERL_CRASH_DUMP_BYTES 0"
                """.formatted(distPort, dir));
        String d = dir.toString();
        Files.writeString(dir.resolve("ejabberd.yml"), """
                # Throw-away configuration for Kith's federation tests.
                hosts:
                  - %2$s
                loglevel: info
                certfiles:
                  - %1$s/certs/ejabberd.pem
                ca_file: %1$s/certs/ca.pem
                s2s_cafile: %1$s/certs/ca.pem
                acme:
                  auto: false
                s2s_use_starttls: required
                outgoing_s2s_port: %5$d
                outgoing_s2s_families:
                  - ipv4
                s2s_max_retry_delay: 5
                listen:
                  -
                    port: %3$d
                    ip: "127.0.0.1"
                    module: ejabberd_c2s
                    starttls_required: true
                  -
                    port: %4$d
                    ip: "127.0.0.1"
                    module: ejabberd_s2s_in
                auth_method: internal
                modules:
                  mod_disco: {}
                  mod_ping: {}
                  mod_roster: {}
                %7$s  mod_muc:
                    host: %6$s
                    access: all
                    access_create: all
                    access_persistent: all
                    history_size: 0
                """.formatted(d, DOMAIN, c2sPort, s2sPort, kithS2sPort, MUC_DOMAIN,
                dialback ? "  mod_s2s_dialback: {}\n" : ""));
    }

    private void ctl(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ctl);
        command.addAll(List.of(args));
        run(command, timeout);
    }

    private void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = dir.resolve("ejabberdctl.out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue() + ": " + tail(out));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!ejabberd.isAlive()) {
                throw new IOException("ejabberd exited with " + ejabberd.exitValue());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("ejabberd did not open port " + port);
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the node and everything its launcher started, without asking it to stop first. */
    private void kill() {
        Process p = ejabberd;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Override
    public void stop() {
        if (ejabberd != null) {
            // The launcher is a shell around the Erlang VM: ask the node itself to stop, then make sure.
            List<ProcessHandle> tree = new ArrayList<>(ejabberd.descendants().toList());
            try {
                if (ejabberd.isAlive()) {
                    ctl(Duration.ofSeconds(30), "stop");
                }
            } catch (IOException e) {
                // fall through to killing it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                if (!ejabberd.waitFor(15, TimeUnit.SECONDS)) {
                    kill();
                    ejabberd.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            ejabberd = null;
        }
        if (reaper != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            reaper = null;
        }
        if (dns != null) {
            dns.close();
            dns = null;
        }
        if (dir != null && !Boolean.getBoolean("s2stest.keep-dirs")) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
