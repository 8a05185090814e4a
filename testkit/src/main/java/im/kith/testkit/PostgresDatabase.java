package im.kith.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test run its own throw-away database on a real PostgreSQL server, so that test runs
 * of different modules never see each other's data. The server is {@code KITH_TEST_PG_HOST}:
 * {@code KITH_TEST_PG_PORT} (default 127.0.0.1:5432) as {@code KITH_TEST_PG_USER} (default postgres,
 * password {@code KITH_TEST_PG_PASSWORD}, default empty).
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {
    private String name;

    @Override
    public Map<String, String> start() {
        name = "kith_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(name),
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password());
    }

    @Override
    public void stop() {
        if (name != null) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** JDBC URL of a database on the test server. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + env("KITH_TEST_PG_HOST", "127.0.0.1") + ":" + env("KITH_TEST_PG_PORT", "5432")
                + "/" + database;
    }

    private static String user() {
        return env("KITH_TEST_PG_USER", "postgres");
    }

    private static String password() {
        return env("KITH_TEST_PG_PASSWORD", "");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + jdbcUrl("postgres")
                    + " (start it, or set KITH_TEST_PG_HOST/PORT/USER/PASSWORD): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
