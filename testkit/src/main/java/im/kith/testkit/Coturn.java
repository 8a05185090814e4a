package im.kith.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code apt-get install coturn}) as a real TURN server for tests: on 127.0.0.1 only,
 * no configuration file, the TURN REST API scheme ({@code use-auth-secret} with a shared secret), and
 * optionally a TLS listener serving a certificate from files.
 */
public final class Coturn implements AutoCloseable {
    static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    static final Path UCLIENT = Path.of("/usr/bin/turnutils_uclient");
    /** Why the TURN tests are skipped when coturn is missing. */
    public static final String MISSING =
            "coturn is not installed (apt-get install coturn): skipping tests against a real TURN server";

    private final Process process;
    private final Path log;
    private final int port;
    private final int tlsPort;

    private Coturn(Process process, Path log, int port, int tlsPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    public static boolean installed() {
        return Files.isExecutable(TURNSERVER) && Files.isExecutable(UCLIENT);
    }

    /**
     * Starts coturn with {@code secret} as its static auth secret and, when {@code certificate} and
     * {@code key} are given, a TLS listener using them; waits until its ports accept connections.
     */
    public static Coturn start(Path workDir, String secret, Path certificate, Path key) throws Exception {
        Files.createDirectories(workDir);
        int port = Pebble.freePort();
        int tlsPort = certificate == null ? -1 : Pebble.freePort();
        int relay = 40000 + (int) (ProcessHandle.current().pid() % 20000);
        List<String> command = new ArrayList<>(List.of(TURNSERVER.toString(), "-n", "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1", "--listening-port=" + port, "--no-cli", "--no-dtls",
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=kith.test",
                "--allow-loopback-peers", "--min-port=" + relay, "--max-port=" + (relay + 200),
                "--log-file=stdout", "--simple-log", "--pidfile=" + workDir.resolve("turnserver.pid")));
        if (certificate == null) {
            command.add("--no-tls");
        } else {
            command.addAll(List.of("--tls-listening-port=" + tlsPort, "--cert=" + certificate, "--pkey=" + key));
        }
        Path log = workDir.resolve("turnserver.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Coturn coturn = new Coturn(p, log, port, tlsPort);
        try {
            coturn.awaitPort(port);
            if (tlsPort > 0) {
                coturn.awaitPort(tlsPort);
            }
        } catch (Exception e) {
            coturn.close();
            throw e;
        }
        return coturn;
    }

    /** The plain TURN port (UDP and TCP). */
    public int port() {
        return port;
    }

    /** The TLS port, or -1 when started without a certificate. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The process id, for a test that signals it. */
    public long pid() {
        return process.pid();
    }

    /** coturn's log so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Whether a TURN client (coturn's {@code turnutils_uclient}) with these long-term credentials gets an
     * allocation and relays a few packets through it (RFC 8656 §7, §9).
     */
    public boolean relaysWith(String username, String password) throws Exception {
        Process client = new ProcessBuilder(UCLIENT.toString(), "-y", "-n", "2", "-u", username, "-w", password,
                "-p", Integer.toString(port), "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!client.waitFor(30, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("turnutils_uclient did not finish");
        }
        return client.exitValue() == 0;
    }

    private void awaitPort(int p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coturn exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("coturn did not listen on " + p + " in time: " + log());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
