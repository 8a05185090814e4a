package im.kith.xmpp.ext.blocking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;

/** Block lists in PostgreSQL (table {@code blocked_jids}). Blocking calls: run on virtual threads. */
@ApplicationScoped
public class BlockListStore {
    private final DataSource dataSource;

    @Inject
    public BlockListStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every account's block list (accounts with none are absent). */
    public Map<String, Set<String>> loadAll() throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner, jid FROM blocked_jids");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    public void add(String owner, Collection<Jid> jids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO blocked_jids (owner, jid) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            ps.setString(1, owner);
            ps.setArray(2, c.createArrayOf("text", jids.stream().map(Jid::toString).toArray()));
            ps.executeUpdate();
        }
    }

    public void remove(String owner, Collection<Jid> jids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM blocked_jids WHERE owner = ? AND jid = ANY (?::text[])")) {
            ps.setString(1, owner);
            ps.setArray(2, c.createArrayOf("text", jids.stream().map(Jid::toString).toArray()));
            ps.executeUpdate();
        }
    }

    public void removeAll(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM blocked_jids WHERE owner = ?")) {
            ps.setString(1, owner);
            ps.executeUpdate();
        }
    }
}
