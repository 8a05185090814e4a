package im.kith.xmpp.s2s;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import im.kith.testkit.TestPki;

/**
 * Set-up for hostile-peer tests: a test CA the node trusts (KITH_S2S_CA), and a loopback socket that
 * stands for the authoritative server of {@code forger.test}, an insecure domain (dialback only), and
 * one where {@code receiver.test} (a certificate from that CA) receives the node's outgoing streams.
 */
public class HostilePeers implements QuarkusTestResourceLifecycleManager {
    static final String FORGER = "forger.test";

    private static volatile TestPki pki;
    static final String DOWN = "down.test";
    static final String SILENT = "silent.test";
    static final String RECEIVER = "receiver.test";

    private static volatile ServerSocket authoritative;
    private static volatile ServerSocket silent;
    private static volatile ServerSocket receiver;
    private Path dir;

    static TestPki pki() {
        return pki;
    }

    /** Where the node connects to verify dialback keys of {@link #FORGER}. */
    static ServerSocket authoritative() {
        return authoritative;
    }

    /** Where the node connects for {@link #RECEIVER}. */
    static ServerSocket receiver() {
        return receiver;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("kith-s2s-hostile-");
            pki = TestPki.create("Kith hostile-peer test CA");
            Path ca = dir.resolve("ca.pem");
            Files.writeString(ca, pki.caPem());
            authoritative = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            // Accepts connections (the kernel completes the handshake) but never says a word.
            silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            receiver = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            return Map.of(
                    "kith.data-dir", dir.resolve("kith-data").toString(),
                    "kith.s2s.ca", ca.toString(),
                    "kith.s2s.insecure-domains", FORGER,
                    "kith.s2s.hosts", FORGER + "=127.0.0.1:" + authoritative.getLocalPort() + "," + DOWN
                            + "=127.0.0.1:" + closedPort + "," + SILENT + "=127.0.0.1:" + silent.getLocalPort() + ","
                            + RECEIVER + "=127.0.0.1:" + receiver.getLocalPort(),
                    "kith.s2s.connect-timeout", "PT4S",
                    "kith.s2s.blocklist", "blocked.test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (authoritative != null) {
                authoritative.close();
            }
            if (silent != null) {
                silent.close();
            }
            if (receiver != null) {
                receiver.close();
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
