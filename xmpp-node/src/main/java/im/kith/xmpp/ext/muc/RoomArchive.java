package im.kith.xmpp.ext.muc;

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
import jakarta.inject.Inject;

import im.kith.xmpp.ext.mam.ArchivedXml;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * Room archives in PostgreSQL (table {@code muc_messages}), in (time, insertion) order. Every method
 * blocks: it is called from room tasks on virtual threads.
 */
@ApplicationScoped
public class RoomArchive {
    private final DataSource dataSource;
    private final ArchivedXml xml;

    @Inject
    public RoomArchive(DataSource dataSource, ArchivedXml xml) {
        this.dataSource = dataSource;
        this.xml = xml;
    }

    /** Selection of a query: exclusive (time, seq) bounds, optional sender nick, optional time range. */
    record Bounds(Instant start, Instant end, RoomMessage after, RoomMessage before, String nick) {
    }

    void insert(String room, RoomMessage m) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO muc_messages (room, id, at, nick, sender, stanza) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, room);
            ps.setString(2, m.id());
            ps.setTimestamp(3, Timestamp.from(m.at()));
            ps.setString(4, m.nick());
            ps.setString(5, m.sender().toString());
            ps.setString(6, xml.write(m.message()));
            ps.executeUpdate();
        }
    }

    Optional<RoomMessage> find(String room, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, seq, nick, sender, stanza FROM muc_messages WHERE room = ? AND id = ?")) {
            ps.setString(1, room);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Replaces an archived message (XEP-0425: the moderated tombstone). */
    void replace(String room, String id, Element message) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE muc_messages SET stanza = ? WHERE room = ? AND id = ?")) {
            ps.setString(1, xml.write(message));
            ps.setString(2, room);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    long count(String room, Bounds b) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM muc_messages WHERE room = ?");
        List<Object> args = where(room, b, sql);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Up to {@code limit} messages in archive order, from the older end or (fromEnd) the newer end. */
    List<RoomMessage> select(String room, Bounds b, boolean fromEnd, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, at, seq, nick, sender, stanza FROM muc_messages WHERE room = ?");
        List<Object> args = where(room, b, sql);
        sql.append(fromEnd ? " ORDER BY at DESC, seq DESC" : " ORDER BY at, seq").append(" LIMIT ?");
        args.add(limit);
        List<RoomMessage> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return fromEnd ? out.reversed() : out;
    }

    private static List<Object> where(String room, Bounds b, StringBuilder sql) {
        List<Object> args = new ArrayList<>();
        args.add(room);
        if (b.start() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(b.start()));
        }
        if (b.end() != null) {
            sql.append(" AND at <= ?");
            args.add(Timestamp.from(b.end()));
        }
        if (b.after() != null) {
            sql.append(" AND (at, seq) > (?, ?)");
            args.add(Timestamp.from(b.after().at()));
            args.add(b.after().seq());
        }
        if (b.before() != null) {
            sql.append(" AND (at, seq) < (?, ?)");
            args.add(Timestamp.from(b.before().at()));
            args.add(b.before().seq());
        }
        if (b.nick() != null) {
            sql.append(" AND nick = ?");
            args.add(b.nick());
        }
        return args;
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private RoomMessage row(ResultSet rs) throws SQLException {
        return new RoomMessage(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getString(4),
                Jid.parse(rs.getString(5)), xml.read(rs.getString(6)));
    }
}
