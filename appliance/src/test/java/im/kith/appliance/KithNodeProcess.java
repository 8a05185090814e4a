package im.kith.appliance;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import im.kith.testkit.PostgresDatabase;

/**
 * One Kith node run as its own operating-system process from the packaged application
 * ({@code target/quarkus-app/quarkus-run.jar}), configured only through KITH_* environment variables as an
 * operator would: its own domain, data directory, throw-away PostgreSQL database and free ports. Its
 * output goes to {@code node.log} in its directory.
 */
final class KithNodeProcess {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String domain;
    final Path dir;
    final Path log;
    final int c2sPort;
    final int c2sTlsPort;
    final int s2sPort;
    final int httpPort;
    final int httpsPort;
    final int adminPort;
    private final PostgresDatabase database = new PostgresDatabase();
    private Map<String, String> datasource;
    private Map<String, String> externalDatasource;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private ProcessBuilder command;

    KithNodeProcess(String domain, Path dir) throws IOException {
        this.domain = domain;
        this.dir = dir;
        this.log = dir.resolve("node.log");
        int[] ports = freePorts(6);
        c2sPort = ports[0];
        c2sTlsPort = ports[1];
        s2sPort = ports[2];
        httpPort = ports[3];
        httpsPort = ports[4];
        adminPort = ports[5];
    }

    /**
     * Runs the node on a database of the caller's (which {@link #stop()} leaves alone) instead of a
     * throw-away database on the shared test server. Call before {@link #start}.
     */
    void useDatabase(String jdbcUrl, String user, String password) {
        externalDatasource = Map.of("quarkus.datasource.jdbc.url", jdbcUrl, "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    /** The node's data directory (KITH_DATA_DIR); its certificate is {@code certs/fullchain.pem} there. */
    Path dataDir() {
        return dir.resolve("data");
    }

    /**
     * Sets an environment variable of the node, over the test defaults that {@link #start} sets (for
     * example {@code KITH_ACME_DIRECTORY}); it takes effect at the next start or {@link #restart()}.
     */
    void environment(String name, String value) {
        environment.put(name, value);
        if (command != null) {
            command.environment().put(name, value);
        }
    }

    /**
     * Starts the node. {@code s2sHosts} and {@code insecureDomains} become KITH_S2S_HOSTS and
     * KITH_S2S_INSECURE_DOMAINS.
     */
    void start(Path jar, String s2sHosts, String insecureDomains) throws IOException {
        Files.createDirectories(dir);
        Path data = dataDir();
        Files.createDirectories(data);
        if (externalDatasource != null) {
            datasource = externalDatasource;
        } else {
            datasource = database.start();
        }
        Map<String, String> env = new HashMap<>();
        env.put("KITH_DOMAIN", domain);
        env.put("KITH_DATA_DIR", data.toString());
        env.put("KITH_DB_URL", datasource.get("quarkus.datasource.jdbc.url"));
        env.put("KITH_DB_USER", datasource.get("quarkus.datasource.username"));
        env.put("KITH_DB_PASSWORD", datasource.get("quarkus.datasource.password"));
        env.put("KITH_DB_POOL_SIZE", "4");
        env.put("KITH_C2S_HOST", "127.0.0.1");
        env.put("KITH_C2S_PORT", String.valueOf(c2sPort));
        env.put("KITH_C2S_TLS_PORT", String.valueOf(c2sTlsPort));
        env.put("KITH_S2S_PORT", String.valueOf(s2sPort));
        env.put("KITH_HTTP_HOST", "127.0.0.1");
        env.put("KITH_HTTP_PORT", String.valueOf(httpPort));
        env.put("KITH_HTTPS_PORT", String.valueOf(httpsPort));
        env.put("KITH_ADMIN_PORT", String.valueOf(adminPort));
        env.put("KITH_ACME_DIRECTORY", "off");
        env.put("KITH_S2S_HOSTS", s2sHosts);
        env.put("KITH_S2S_INSECURE_DOMAINS", insecureDomains);
        env.put("KITH_S2S_CONNECT_TIMEOUT", "PT15S");
        env.put("KITH_LOG_LEVEL", System.getProperty("kith.it.log-level", "INFO"));
        env.putAll(environment);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx320m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what the node needs from the test's environment, so that no KITH_* setting leaks in.
        pb.environment().keySet().removeIf(k -> k.startsWith("KITH_") || k.startsWith("QUARKUS_"));
        pb.environment().putAll(env);
        command = pb;
        launch();
    }

    /** Runs the node's process from its stored command; its log is appended to. */
    private void launch() throws IOException {
        command.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = command.start();
        // Should the test JVM exit without @AfterAll (interrupted run), the node does not outlive it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop " + domain));
    }

    /** Waits until the admin API answers with the node's token and the c2s and s2s ports accept connections. */
    void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(domain + " exited with status " + process.exitValue()
                        + " during start-up; its log:\n" + tail(80));
            }
            if (statusAnswers() && accepts(c2sPort) && accepts(s2sPort)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(domain + " was not ready within " + STARTUP.toSeconds()
                        + " s; its log:\n" + tail(80));
            }
            Thread.sleep(250);
        }
    }

    private boolean statusAnswers() {
        try {
            return admin("GET", "/status", null).statusCode() == 200;
        } catch (IOException | IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates an account through the admin API, as {@code kithctl user add} does. */
    void createAccount(String user, String password) throws Exception {
        String body = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> r = admin("POST", "/users", body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("creating " + user + "@" + domain + " failed: HTTP " + r.statusCode()
                    + " " + r.body());
        }
    }

    /** A request to the loopback admin API with the bearer token from the data directory. */
    HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
        Path tokenFile = dir.resolve("data").resolve("admin.token");
        if (!Files.isReadable(tokenFile)) {
            throw new IllegalStateException("no admin token yet");
        }
        String token = Files.readString(tokenFile).strip();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/kith/api" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the node's process is running. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The node's log so far. */
    String logText() throws IOException {
        return Files.isReadable(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The last lines of the node's log. */
    String tail(int lines) {
        if (!Files.isReadable(log)) {
            return "(no log)";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - 64 * 1024);
            byte[] buf = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(buf);
            List<String> all = new String(buf, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills the process at once (SIGKILL), as a power cut or the kernel's OOM killer would: no shutdown hook,
     * no flush. The database and the data directory stay for {@link #restart()}.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException(domain + " did not die");
        }
    }

    /** Starts the node again on the same database, data directory and ports, and waits until it is ready. */
    void restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException(domain + " is still running");
        }
        launch();
        awaitReady();
    }

    /**
     * Shuts the node down as an administrator would (SIGTERM, then SIGKILL after a grace period); the
     * database and the data directory stay for {@link #restart()}.
     */
    void terminate() {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after a grace period) and drops its database. */
    void stop() {
        try {
            terminate();
        } finally {
            if (datasource != null && externalDatasource == null) {
                database.stop();
                datasource = null;
            }
        }
    }

    /** Ports free now and not handed to another node of this test run. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                if (!HANDED_OUT.add(s.getLocalPort())) {
                    i--;
                    continue;
                }
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
