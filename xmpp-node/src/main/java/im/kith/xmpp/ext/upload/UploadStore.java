package im.kith.xmpp.ext.upload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Upload slots in PostgreSQL (table {@code upload_slots}, V90). Blocking: call on virtual threads. */
@ApplicationScoped
class UploadStore {
    private static final String COLUMNS = "id, uploader, file_name, size, content_type, created_at, expires_at, state";
    /** Slots that hold or may still come to hold a file. */
    private static final String LIVE = "(state <> 'pending' OR expires_at > ?)";

    private final DataSource dataSource;

    UploadStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Usage the quotas are checked against. {@code oldestToday} is null when the user uploaded nothing. */
    record Usage(long userToday, Instant oldestToday, long total) {
    }

    /**
     * Reserves a slot unless {@code admit} refuses it given the current usage; serialised per uploader
     * (and for the total) by a transaction-scoped advisory lock so parallel requests cannot overshoot.
     */
    <T> T reserve(Slot slot, java.util.function.Function<Usage, T> admit, java.util.function.Predicate<T> granted)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(363)")) {
                    lock.execute();
                }
                Usage usage = usage(c, slot.uploader(), slot.createdAt());
                T verdict = admit.apply(usage);
                if (granted.test(verdict)) {
                    insert(c, slot);
                }
                c.commit();
                return verdict;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Usage usage(Connection c, String uploader, Instant now) throws SQLException {
        Timestamp ts = Timestamp.from(now);
        long userToday;
        Instant oldest;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(size), 0), min(created_at) FROM upload_slots"
                + " WHERE uploader = ? AND created_at > ? AND " + LIVE)) {
            ps.setString(1, uploader);
            ps.setTimestamp(2, Timestamp.from(now.minus(java.time.Duration.ofDays(1))));
            ps.setTimestamp(3, ts);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                userToday = rs.getLong(1);
                Timestamp min = rs.getTimestamp(2);
                oldest = min == null ? null : min.toInstant();
            }
        }
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(size), 0) FROM upload_slots WHERE " + LIVE)) {
            ps.setTimestamp(1, ts);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        return new Usage(userToday, oldest, total);
    }

    private static void insert(Connection c, Slot s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO upload_slots (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.id());
            ps.setString(2, s.uploader());
            ps.setString(3, s.fileName());
            ps.setLong(4, s.size());
            ps.setString(5, s.contentType());
            ps.setTimestamp(6, Timestamp.from(s.createdAt()));
            ps.setTimestamp(7, Timestamp.from(s.expiresAt()));
            ps.setString(8, s.state().column());
            ps.executeUpdate();
        }
    }

    Optional<Slot> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM upload_slots WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(slot(rs)) : Optional.empty();
            }
        }
    }

    /** Moves a slot from one state to another; false when it was not in {@code from}. */
    boolean transition(String id, SlotState from, SlotState to) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE upload_slots SET state = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, to.column());
            ps.setString(2, id);
            ps.setString(3, from.column());
            return ps.executeUpdate() == 1;
        }
    }

    /** Ids of slots whose file is older than {@code storedBefore}, or that expired unused before {@code unusedBefore}. */
    List<String> stale(Instant storedBefore, Instant unusedBefore, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM upload_slots WHERE created_at < ?"
                        + " OR (state = 'pending' AND expires_at < ?) ORDER BY created_at LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(storedBefore));
            ps.setTimestamp(2, Timestamp.from(unusedBefore));
            ps.setInt(3, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    void delete(List<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM upload_slots WHERE id = ANY (?::text[])")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    private static Slot slot(ResultSet rs) throws SQLException {
        return new Slot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), SlotState.ofColumn(rs.getString(8)));
    }
}
