package im.kith.xmpp.ext.muc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;

/**
 * Rooms and affiliations in PostgreSQL (tables {@code muc_rooms}, {@code muc_affiliations}). Every
 * method blocks: it is called from room tasks, which run on virtual threads.
 */
@ApplicationScoped
public class RoomStore {
    private static final String COLUMNS = "persistent, name, description, public_room, members_only, moderated, "
            + "password, whois, max_users, allow_invites, change_subject, history_length, archiving";

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    public RoomStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A room as stored. */
    record StoredRoom(RoomConfig config, byte[] secret, String subject, String subjectBy,
            Map<Jid, AffiliationEntry> affiliations) {
    }

    Optional<StoredRoom> load(String room) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            RoomConfig config;
            byte[] secret;
            String subject;
            String subjectBy;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + ", secret, subject, subject_by FROM muc_rooms WHERE localpart = ?")) {
                ps.setString(1, room);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    config = new RoomConfig(rs.getString(2), rs.getString(3), rs.getBoolean(1), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), Whois.of(rs.getString(8)),
                            rs.getInt(9), rs.getBoolean(10), rs.getBoolean(11), rs.getInt(12), rs.getBoolean(13));
                    secret = rs.getBytes(14);
                    subject = rs.getString(15);
                    subjectBy = rs.getString(16);
                }
            }
            Map<Jid, AffiliationEntry> affiliations = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT jid, affiliation, nick, reason FROM muc_affiliations WHERE room = ?")) {
                ps.setString(1, room);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        affiliations.put(Jid.parse(rs.getString(1)),
                                new AffiliationEntry(Affiliation.of(rs.getString(2)), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return Optional.of(new StoredRoom(config, secret, subject, subjectBy, affiliations));
        }
    }

    /** Creates or replaces the room row (configuration and subject), keeping its affiliations. */
    void save(Room room) throws SQLException {
        RoomConfig k = room.config();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO muc_rooms (localpart, " + COLUMNS + ", subject, subject_by, secret, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (localpart) DO UPDATE SET persistent = excluded.persistent, name = excluded.name, "
                        + "description = excluded.description, public_room = excluded.public_room, "
                        + "members_only = excluded.members_only, moderated = excluded.moderated, "
                        + "password = excluded.password, whois = excluded.whois, max_users = excluded.max_users, "
                        + "allow_invites = excluded.allow_invites, change_subject = excluded.change_subject, "
                        + "history_length = excluded.history_length, archiving = excluded.archiving, "
                        + "subject = excluded.subject, subject_by = excluded.subject_by")) {
            int i = 1;
            ps.setString(i++, room.localpart());
            ps.setBoolean(i++, k.persistent());
            ps.setString(i++, k.name());
            ps.setString(i++, k.description());
            ps.setBoolean(i++, k.publicRoom());
            ps.setBoolean(i++, k.membersOnly());
            ps.setBoolean(i++, k.moderated());
            ps.setString(i++, k.password());
            ps.setString(i++, k.whois().value());
            ps.setInt(i++, k.maxUsers());
            ps.setBoolean(i++, k.allowInvites());
            ps.setBoolean(i++, k.changeSubject());
            ps.setInt(i++, k.historyLength());
            ps.setBoolean(i++, k.archiving());
            ps.setString(i++, room.subject());
            ps.setString(i++, room.subjectBy());
            ps.setBytes(i++, room.secret());
            ps.setTimestamp(i, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    /** Stores one affiliation; NONE without a reserved nick deletes it. */
    void saveAffiliation(String room, Jid bare, AffiliationEntry entry) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (entry == null || entry.affiliation() == Affiliation.NONE && entry.nick() == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM muc_affiliations WHERE room = ? AND jid = ?")) {
                    ps.setString(1, room);
                    ps.setString(2, bare.toString());
                    ps.executeUpdate();
                }
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO muc_affiliations (room, jid, affiliation, nick, reason) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (room, jid) DO UPDATE SET affiliation = excluded.affiliation, "
                            + "nick = excluded.nick, reason = excluded.reason")) {
                ps.setString(1, room);
                ps.setString(2, bare.toString());
                // A reserved nick without an affiliation is not kept (registration makes a member, §7.10).
                ps.setString(3, entry.affiliation() == Affiliation.NONE ? "member" : entry.affiliation().value());
                ps.setString(4, entry.nick());
                ps.setString(5, entry.reason());
                ps.executeUpdate();
            }
        }
    }

    /** Deletes a room with its affiliations and archive. */
    void delete(String room) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM muc_rooms WHERE localpart = ?")) {
            ps.setString(1, room);
            ps.executeUpdate();
        }
    }

    /** A public persistent room for disco#items (§6.3). */
    record Listed(String localpart, String name) {
    }

    List<Listed> publicRooms() throws SQLException {
        List<Listed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT localpart, name FROM muc_rooms WHERE persistent AND public_room ORDER BY localpart");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Listed(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }
}
