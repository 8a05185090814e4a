package im.kith.appliance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, which the test may stop and start at will without disturbing
 * the shared server other tests use: a cluster made with the installed {@code initdb} in a temporary
 * directory, on a free loopback port, with trust authentication. PostgreSQL refuses to run as root, so
 * when the test runs as root the cluster belongs to the {@code postgres} system user and its commands
 * run through {@code runuser}.
 */
final class PrivatePostgres {
    private static final String USER = "postgres";
    private static final String DATABASE = "kith";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest installed server binaries (Debian's /usr/lib/postgresql/VERSION/bin), if any. */
    static Optional<Path> installedBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Creates the cluster, starts it and creates the node's database. */
    static PrivatePostgres start(Path bin) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        // Under /tmp: every directory above it must be searchable by the postgres user.
        Path dir = Files.createTempDirectory("kith-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        PrivatePostgres pg = new PrivatePostgres(bin, dir, freePort(), root);
        if (root) {
            pg.run(List.of("chown", USER + ":", dir.toString()), false);
        }
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--no-sync"), true);
        pg.start();
        pg.execute("CREATE DATABASE " + DATABASE);
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String user() {
        return USER;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"), true);
    }

    /**
     * Stops the server. {@code immediate} is a crash as far as the clients can tell: every connection is
     * cut without a goodbye and the server recovers from its write-ahead log when started again.
     */
    void stop(boolean immediate) throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m",
                immediate ? "immediate" : "fast", "stop"), true);
    }

    /** Stops the server if it runs and deletes the cluster. */
    void destroy() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stop(true);
            }
        } catch (Exception e) {
            // deleted below anyway
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    /** The server's log. */
    String logText() {
        try {
            return Files.isReadable(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Runs SQL on the server as the superuser. */
    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void run(List<String> command, boolean asOwner) throws Exception {
        List<String> full = new ArrayList<>();
        if (asOwner && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        Path out = Files.createTempFile("kith-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile())
                    .directory(asOwner && asPostgresUser ? Path.of("/").toFile() : dir.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed with status " + p.exitValue()
                        + ":\n" + Files.readString(out) + "\nserver log:\n" + logText());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
