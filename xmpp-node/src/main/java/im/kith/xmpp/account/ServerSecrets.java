package im.kith.xmpp.account;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Named random secrets that the node creates on first use and keeps in the database, so that they stay
 * the same across restarts (table {@code server_secrets}, V11__server_secrets.sql). Blocking.
 */
@ApplicationScoped
class ServerSecrets {
    private static final int BYTES = 32;

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ServerSecrets(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The secret with this name, created now if it does not exist yet (concurrent creators agree). */
    byte[] get(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            byte[] fresh = new byte[BYTES];
            random.nextBytes(fresh);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setBytes(2, fresh);
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM server_secrets WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        }
    }
}
