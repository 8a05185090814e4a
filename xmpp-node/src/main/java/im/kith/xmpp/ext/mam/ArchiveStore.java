package im.kith.xmpp.ext.mam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Archives in PostgreSQL (table {@code mam_messages}). Every method blocks: call it on a virtual
 * thread ({@link im.kith.xmpp.support.Blocking}) or from the archive writer.
 */
@Singleton
public class ArchiveStore {
    /**
     * One INSERT for a whole batch; rows of accounts deleted meanwhile are skipped, and so are rows
     * already there: a batch whose commit succeeded but whose answer was lost (the connection broke)
     * is written again by the archive writer, and its rows must not appear twice (UNIQUE (owner, id),
     * V30).
     */
    private static final String INSERT = """
            INSERT INTO mam_messages (owner, id, at, with_jid, with_resource, direction, stanza)
            SELECT r.owner, r.id, r.at::timestamptz, r.with_jid, r.with_resource, r.direction, r.stanza
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   WITH ORDINALITY AS r (owner, id, at, with_jid, with_resource, direction, stanza, n)
             WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.localpart = r.owner)
             ORDER BY r.n
            ON CONFLICT (owner, id) DO NOTHING
            """;

    private final DataSource dataSource;
    private final ArchivedXml xml;

    @Inject
    public ArchiveStore(DataSource dataSource, ArchivedXml xml) {
        this.dataSource = dataSource;
        this.xml = xml;
    }

    /**
     * Inserts rows in the given order (their archive order), in one statement: all of them or none;
     * returns how many were stored (rows already in the archive and rows of deleted accounts are not).
     */
    public int insert(List<ArchiveEntry> rows) throws SQLException {
        int n = rows.size();
        String[][] cols = new String[7][n];
        for (int i = 0; i < n; i++) {
            ArchiveEntry e = rows.get(i);
            cols[0][i] = e.owner();
            cols[1][i] = e.id();
            cols[2][i] = e.at().toString();
            cols[3][i] = e.with().toBareString();
            cols[4][i] = e.with().resource();
            cols[5][i] = e.direction().column();
            cols[6][i] = xml.write(e.message());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            return ps.executeUpdate();
        }
    }

    /** Deletes the rows named by owner and id (the lists pair up); returns how many there were. */
    public int delete(List<String> owners, List<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                DELETE FROM mam_messages m USING unnest(?::text[], ?::text[]) AS r (owner, id)
                 WHERE m.owner = r.owner AND m.id = r.id
                """)) {
            ps.setArray(1, c.createArrayOf("text", owners.toArray()));
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            return ps.executeUpdate();
        }
    }

    /** The position of a UID in an archive, if it is there. */
    public Optional<Position> position(String owner, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT at, seq FROM mam_messages WHERE owner = ? AND id = ?")) {
            ps.setString(1, owner);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Position(rs.getTimestamp(1).toInstant(), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    /** How many of the given UIDs are in the archive. */
    public int countIds(String owner, List<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM mam_messages WHERE owner = ? AND id = ANY (?::text[])")) {
            ps.setString(1, owner);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Up to {@code limit} matching messages in archive order: the oldest ones, or with
     * {@code fromEnd} the newest ones (still returned oldest first).
     */
    public List<ArchivedMessage> select(String owner, Criteria criteria, boolean fromEnd, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id, at, stanza FROM mam_messages");
        where(owner, criteria, sql, args);
        String dir = fromEnd ? " DESC" : "";
        sql.append(" ORDER BY at").append(dir).append(", seq").append(dir).append(" LIMIT ?");
        args.add(limit);
        List<ArchivedMessage> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArchivedMessage(rs.getString(1), rs.getTimestamp(2).toInstant(), xml.read(rs.getString(3))));
                }
            }
        }
        return fromEnd ? out.reversed() : out;
    }

    /** Number of matching messages (the RSM {@code <count/>}). */
    public long count(String owner, Criteria criteria) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM mam_messages");
        where(owner, criteria, sql, args);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The oldest or newest message's id and time, for archive metadata (XEP-0313 §5). */
    public Optional<ArchivedMessage> edge(String owner, boolean newest) throws SQLException {
        String dir = newest ? " DESC" : "";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, at FROM mam_messages WHERE owner = ? ORDER BY at"
                        + dir + ", seq" + dir + " LIMIT 1")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ArchivedMessage(rs.getString(1), rs.getTimestamp(2).toInstant(), null))
                        : Optional.empty();
            }
        }
    }

    /** Deletes up to {@code limit} messages (of any archive) received before the cutoff; returns how many. */
    public int deleteOlderThan(Instant cutoff, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM mam_messages WHERE seq IN "
                        + "(SELECT seq FROM mam_messages WHERE at < ? ORDER BY at LIMIT ?)")) {
            ps.setObject(1, utc(cutoff));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    /** Deletes a whole archive. */
    public int deleteArchive(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM mam_messages WHERE owner = ?")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
        }
    }

    private static void where(String owner, Criteria q, StringBuilder sql, List<Object> args) {
        sql.append(" WHERE owner = ?");
        args.add(owner);
        if (q.with() != null) {
            sql.append(" AND with_jid = ?");
            args.add(q.with().toBareString());
            if (q.with().resource() != null) {
                sql.append(" AND with_resource = ?");
                args.add(q.with().resource());
            }
        }
        if (q.start() != null) {
            sql.append(" AND at >= ?");
            args.add(utc(q.start()));
        }
        if (q.end() != null) {
            sql.append(" AND at <= ?");
            args.add(utc(q.end()));
        }
        if (q.after() != null) {
            sql.append(" AND (at, seq) > (?, ?)");
            args.add(utc(q.after().at()));
            args.add(q.after().seq());
        }
        if (q.before() != null) {
            sql.append(" AND (at, seq) < (?, ?)");
            args.add(utc(q.before().at()));
            args.add(q.before().seq());
        }
        if (q.ids() != null) {
            sql.append(" AND id = ANY (?)");
            args.add(q.ids().toArray(new String[0]));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
