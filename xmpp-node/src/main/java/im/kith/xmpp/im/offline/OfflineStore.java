package im.kith.xmpp.im.offline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

/**
 * JDBC access to {@code offline_messages} (V21__offline_messages.sql). Blocking; callers sequence the
 * work of one account.
 */
@Singleton
class OfflineStore {
    private final DataSource dataSource;

    OfflineStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What {@link #store} did.
     *
     * @param accountExists false when there is no such account (nothing was stored)
     * @param stored        how many of the messages, from the first, were stored; the rest did not fit
     */
    record Result(boolean accountExists, int stored) {
    }

    /**
     * A message to store: its text, and the id under which the owner's archive was to hold it too (its
     * XEP-0359 stanza-id), null when the archive does not.
     */
    record Stored(String text, String archiveId) {
    }

    /**
     * Stores messages for an account in one transaction, oldest first, as many as fit under {@code max}.
     * The account row is share-locked meanwhile, so an account cannot be deleted under the insert.
     */
    Result store(String owner, Instant at, List<Stored> stanzas, int max) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Result result = storeIn(c, owner, at, stanzas, max);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Result storeIn(Connection c, String owner, Instant at, List<Stored> stanzas, int max)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM accounts WHERE localpart = ? FOR KEY SHARE")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Result(false, 0);
                }
            }
        }
        if (stanzas.isEmpty()) {
            return new Result(true, 0);
        }
        int held;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM offline_messages WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                held = rs.getInt(1);
            }
        }
        int fit = Math.max(0, Math.min(stanzas.size(), max - held));
        if (fit > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO offline_messages (owner, stored_at, stanza, archive_id) VALUES (?, ?, ?, ?)")) {
                Timestamp stamp = Timestamp.from(at);
                for (Stored stanza : stanzas.subList(0, fit)) {
                    ps.setString(1, owner);
                    ps.setTimestamp(2, stamp);
                    ps.setString(3, stanza.text());
                    ps.setString(4, stanza.archiveId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return new Result(true, fit);
    }

    /**
     * Drops the stored messages the owner's archive also holds (XEP-0386 §2.2); returns how many. The
     * archive row is looked up in the same statement: a copy whose row was never written, or is not
     * written yet, stays and is delivered.
     */
    int deleteArchived(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM offline_messages o
                         WHERE o.owner = ? AND o.archive_id IS NOT NULL
                           AND EXISTS (SELECT 1 FROM mam_messages m WHERE m.owner = o.owner AND m.id = o.archive_id)
                        """)) {
            ps.setString(1, owner);
            return ps.executeUpdate();
        }
    }

    /**
     * Removes and returns an account's stored messages, oldest first. One statement, so two resources
     * that come online together never both get a message.
     */
    List<String> takeAll(String owner) throws SQLException {
        TreeMap<Long, String> byId = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM offline_messages WHERE owner = ? RETURNING id, stanza")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }
}
