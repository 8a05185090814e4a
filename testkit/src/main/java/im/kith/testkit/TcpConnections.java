package im.kith.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Established TCP connections on this machine, read from the kernel's tables ({@code /proc/net/tcp}
 * and {@code /proc/net/tcp6}, Linux only), for tests that count the connections between servers.
 */
public final class TcpConnections {
    private static final String ESTABLISHED = "01";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private TcpConnections() {
    }

    /** Whether the kernel tables can be read here. */
    public static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /**
     * Established connections accepted on any of these local ports: each connection made to a
     * listener on one of them counts once (its listening side), whoever made it.
     */
    public static int acceptedOn(int... ports) throws IOException {
        int count = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) { // the first line names the columns
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && ESTABLISHED.equals(f[3]) && contains(ports, port(f[1]))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The port of an {@code ADDRESS:PORT} field, both in hex. */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }

    private static boolean contains(int[] ports, int port) {
        return Arrays.stream(ports).anyMatch(p -> p == port);
    }
}
