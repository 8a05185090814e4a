package im.kith.xmpp.s2s;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import im.kith.testkit.TestPki;

/**
 * A real Prosody (from the distribution package) as federation peer, with two hosts:
 * {@code prosody.test} holds a certificate from a test CA both sides trust (SASL EXTERNAL both ways),
 * {@code dialback.test} a self-signed one and no trust in that CA (dialback both ways; Kith lists it in
 * KITH_S2S_INSECURE_DOMAINS). Kith gets a CA-signed certificate for {@code localhost}. Everything lives
 * in a temporary directory; Prosody listens on loopback only and is stopped at the end. A small Prosody
 * plugin in that directory sends Prosody's connections for {@code localhost} to Kith's port instead of
 * resolving DNS. Prosody's {@code mod_s2s_bidi} (XEP-0288) is loaded when the installed Prosody has it.
 */
public class ProsodyPeer implements QuarkusTestResourceLifecycleManager {
    static final String SECURE_DOMAIN = "prosody.test";
    static final String DIALBACK_DOMAIN = "dialback.test";
    static final String KITH_DOMAIN = "localhost";
    static final String PASSWORD = "prosody-pass-1";

    private static final Path BIDI_MODULE = Path.of("/usr/lib/prosody/modules/mod_s2s_bidi.lua");

    private static volatile int c2sPort;
    private static volatile int kithS2sPort;
    private static volatile int prosodyS2sPort;
    private static volatile Path logDir;
    private static volatile String unavailable;
    private Path dir;
    private Process prosody;

    static int c2sPort() {
        return c2sPort;
    }

    /** The s2s ports of Kith and of Prosody: every connection between them was accepted on one of them. */
    static int[] s2sPorts() {
        return new int[] {kithS2sPort, prosodyS2sPort};
    }

    /** Whether Prosody runs with mod_s2s_bidi. */
    static boolean bidi() {
        return Files.isRegularFile(BIDI_MODULE);
    }

    /** Prosody's debug log so far. */
    static String log() throws IOException {
        return log(logDir);
    }

    /** Why Prosody could not be used, or null when it runs. */
    static String unavailable() {
        return unavailable;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("kith-prosody-");
            TestPki pki = TestPki.create("Kith federation test CA");
            Path certs = dir.resolve("certs");
            Files.createDirectories(certs);
            Files.writeString(certs.resolve("ca.pem"), pki.caPem());
            pki.issue("decoy-cn.invalid", List.of(SECURE_DOMAIN), List.of()).writeTo(certs, "prosody.test.crt",
                    "prosody.test.key");
            TestPki.selfSigned(DIALBACK_DOMAIN).writeTo(certs, "dialback.test.crt", "dialback.test.key");
            Path kithData = dir.resolve("kith-data");
            pki.issue("decoy-cn.invalid", List.of(KITH_DOMAIN, "groups." + KITH_DOMAIN, "share." + KITH_DOMAIN),
                    List.of()).writeTo(kithData.resolve("certs"), "fullchain.pem", "privkey.pem");
            kithS2sPort = freePort();
            prosodyS2sPort = freePort();
            logDir = dir;
            c2sPort = freePort();
            Map<String, String> kith = Map.of(
                    "kith.data-dir", kithData.toString(),
                    "kith.s2s.port", String.valueOf(kithS2sPort),
                    "kith.s2s.ca", certs.resolve("ca.pem").toString(),
                    "kith.s2s.hosts", SECURE_DOMAIN + "=127.0.0.1:" + prosodyS2sPort + "," + DIALBACK_DOMAIN
                            + "=127.0.0.1:" + prosodyS2sPort,
                    "kith.s2s.insecure-domains", DIALBACK_DOMAIN);
            if (!Files.isExecutable(Path.of("/usr/bin/prosody"))) {
                unavailable = "prosody is not installed (apt-get install prosody)";
                return kith;
            }
            Path config = writeConfig(prosodyS2sPort, kithS2sPort);
            for (String user : new String[] {"alice", "bob"}) {
                for (String host : new String[] {SECURE_DOMAIN, DIALBACK_DOMAIN}) {
                    run(List.of("prosodyctl", "--config", config.toString(), "register", user, host, PASSWORD));
                }
            }
            prosody = new ProcessBuilder("prosody", "--config", config.toString(), "-F")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prosody.out").toFile()).start();
            awaitPort(c2sPort, Duration.ofSeconds(20));
            return kith;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the Prosody peer: " + e.getMessage(), e);
        }
    }

    private Path writeConfig(int s2sPort, int kithS2sPort) throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(plugins.resolve("mod_kith_test_routes.lua"), """
                -- Test only: connect to the listed domains at fixed addresses instead of resolving DNS.
                local service = require "net.resolvers.service";
                local basic = require "net.resolvers.basic";
                local manual = require "net.resolvers.manual";
                local routes = module:get_option("kith_test_routes", {});
                local resolve = service.new;
                service.new = function (hostname, service_name, proto, extra)
                    local route = routes[hostname];
                    if route == nil then return resolve(hostname, service_name, proto, extra); end
                    if service_name == "xmpps-server" then return manual.new({}, proto, extra); end
                    return basic.new(route[1], route[2], proto, extra);
                end
                """);
        String d = dir.toString();
        String config = """
                run_as_root = true
                pidfile = "%1$s/prosody.pid"
                data_path = "%1$s/data"
                plugin_paths = { "%1$s/plugins" }
                admin_socket = "%1$s/prosody.sock"
                log = { debug = "%1$s/prosody.log" }
                interfaces = { "127.0.0.1" }
                local_interfaces = { "127.0.0.1" }
                c2s_ports = { %2$d }
                c2s_direct_tls_ports = { }
                s2s_ports = { %3$d }
                http_ports = { }
                https_ports = { }
                modules_enabled = { "roster", "saslauth", "tls", "dialback", "disco", "ping", "kith_test_routes"%8$s }
                modules_disabled = { "offline" }
                authentication = "internal_hashed"
                storage = "internal"
                c2s_require_encryption = true
                s2s_require_encryption = true
                s2s_secure_auth = false
                kith_test_routes = { ["%4$s"] = { "127.0.0.1", %5$d } }
                VirtualHost "%6$s"
                    ssl = { certificate = "%1$s/certs/prosody.test.crt", key = "%1$s/certs/prosody.test.key",
                            cafile = "%1$s/certs/ca.pem" }
                VirtualHost "%7$s"
                    ssl = { certificate = "%1$s/certs/dialback.test.crt", key = "%1$s/certs/dialback.test.key" }
                """.formatted(d, c2sPort, s2sPort, KITH_DOMAIN, kithS2sPort, SECURE_DOMAIN, DIALBACK_DOMAIN,
                        bidi() ? ", \"s2s_bidi\"" : "");
        Path file = dir.resolve("prosody.cfg.lua");
        Files.writeString(file, config);
        return file;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prosodyctl.out").toFile())).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("prosodyctl.out")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("prosody did not open port " + port);
    }

    /** Prosody's log, for diagnosing a failed test. */
    static String log(Path dir) throws IOException {
        Path log = dir.resolve("prosody.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void stop() {
        if (prosody != null) {
            prosody.destroy();
            try {
                if (!prosody.waitFor(10, TimeUnit.SECONDS)) {
                    prosody.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
