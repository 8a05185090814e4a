package im.kith.xmpp.sasl.fast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** FAST tokens in PostgreSQL (table {@code fast_tokens}, V92). Blocking. */
@ApplicationScoped
class FastTokenStore {
    private final DataSource dataSource;

    FastTokenStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<StoredToken> tokens(String localpart, String clientId) throws SQLException {
        List<StoredToken> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT slot, mechanism, token_hash, expires_at"
                        + " FROM fast_tokens WHERE localpart = ? AND client_id = ?")) {
            ps.setString(1, localpart);
            ps.setString(2, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredToken(StoredToken.Slot.of(rs.getString(1)), rs.getString(2), rs.getBytes(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    /** Puts a token into the 'new' slot, replacing one handed out earlier and never used (§4.4). */
    void putNew(String localpart, String clientId, String mechanism, byte[] hash, Instant expires, Instant now,
            String software, String device) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO fast_tokens (localpart, client_id, slot,"
                        + " mechanism, token_hash, expires_at, created_at, software, device)"
                        + " VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?) ON CONFLICT (localpart, client_id, slot) DO UPDATE"
                        + " SET mechanism = EXCLUDED.mechanism, token_hash = EXCLUDED.token_hash,"
                        + " expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at,"
                        + " software = EXCLUDED.software, device = EXCLUDED.device")) {
            ps.setString(1, localpart);
            ps.setString(2, clientId);
            ps.setString(3, mechanism);
            ps.setBytes(4, hash);
            ps.setTimestamp(5, Timestamp.from(expires));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, software);
            ps.setString(8, device);
            ps.executeUpdate();
        }
    }

    /** The 'new' token was used: it becomes the current one, and the older one is gone (§4.4). */
    void promote(String localpart, String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM fast_tokens"
                    + " WHERE localpart = ? AND client_id = ? AND slot = 'current'");
                    PreparedStatement update = c.prepareStatement("UPDATE fast_tokens SET slot = 'current'"
                            + " WHERE localpart = ? AND client_id = ? AND slot = 'new'")) {
                delete.setString(1, localpart);
                delete.setString(2, clientId);
                delete.executeUpdate();
                update.setString(1, localpart);
                update.setString(2, clientId);
                update.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Removes one client's tokens; a null client removes every token of the account. */
    int delete(String localpart, String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(clientId == null
                        ? "DELETE FROM fast_tokens WHERE localpart = ?"
                        : "DELETE FROM fast_tokens WHERE localpart = ? AND client_id = ?")) {
            ps.setString(1, localpart);
            if (clientId != null) {
                ps.setString(2, clientId);
            }
            return ps.executeUpdate();
        }
    }

    /** Removes the tokens that expired before {@code now}. */
    int deleteExpired(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM fast_tokens WHERE expires_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            return ps.executeUpdate();
        }
    }
}
