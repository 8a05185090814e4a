package im.kith.xmpp.im.presence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

/** JDBC access to {@code last_presence} (V22__last_presence.sql). Blocking: call it off the event loop. */
@Singleton
class LastPresenceStore {
    private final DataSource dataSource;

    LastPresenceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** When an account last went unavailable, and the status it left. */
    record LastUnavailable(Instant at, String status) {
    }

    /** Records a departure; nothing for an account deleted meanwhile. */
    void record(String owner, LastUnavailable last) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO last_presence (owner, at, status)"
                        + " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM accounts WHERE localpart = ?)"
                        + " ON CONFLICT (owner) DO UPDATE SET at = excluded.at, status = excluded.status")) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(last.at()));
            ps.setString(3, last.status());
            ps.setString(4, owner);
            ps.executeUpdate();
        }
    }

    Optional<LastUnavailable> find(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT at, status FROM last_presence WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new LastUnavailable(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }
}
