package im.kith.xmpp.ext.pep;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * PEP nodes and items in PostgreSQL ({@code pep_nodes}, {@code pep_items}; V45). Every method blocks:
 * call it through {@link im.kith.xmpp.support.Blocking}. Writes of one account are serialised by a
 * transaction-scoped advisory lock, which also covers the storage limit it shares with private XML.
 */
@ApplicationScoped
public class PepStore {
    private static final String NODE_COLUMNS = "access_model, max_items, persist_items, send_last, notify_retract";
    private static final String ITEM_COLUMNS = "node, item_id, payload, publisher, published_at";

    private final DataSource dataSource;

    public PepStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work done in one transaction holding the account's write lock. */
    @FunctionalInterface
    public interface AccountWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work in a transaction that holds the account's write lock; rolled back when it throws. */
    public <T> T inAccountTransaction(String owner, AccountWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('pep:' || ?))")) {
                    ps.setString(1, owner);
                    ps.execute();
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Bytes the account keeps in PEP items and private XML. */
    public long usage(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT coalesce(sum(bytes), 0) FROM pep_items WHERE owner = ?)"
                + " + (SELECT coalesce(sum(bytes), 0) FROM private_xml WHERE owner = ?)")) {
            ps.setString(1, owner);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<NodeSettings> node(String owner, String node) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return node(c, owner, node);
        }
    }

    Optional<NodeSettings> node(Connection c, String owner, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + NODE_COLUMNS + " FROM pep_nodes WHERE owner = ? AND node = ?")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(settings(rs)) : Optional.empty();
            }
        }
    }

    /** The account's nodes with their settings, in name order. */
    public List<String> nodeNames(String owner) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT node FROM pep_nodes WHERE owner = ? ORDER BY node")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    void createNode(Connection c, String owner, String node, NodeSettings s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pep_nodes (owner, node, " + NODE_COLUMNS
                + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            bindSettings(ps, 3, s);
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    void updateNode(Connection c, String owner, String node, NodeSettings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pep_nodes SET (" + NODE_COLUMNS
                + ") = (?, ?, ?, ?, ?) WHERE owner = ? AND node = ?")) {
            bindSettings(ps, 1, s);
            ps.setString(6, owner);
            ps.setString(7, node);
            ps.executeUpdate();
        }
        trim(c, owner, node, s.kept());
    }

    /** Bytes of an item that a publish would replace (0 when new). */
    long itemBytes(Connection c, String owner, String node, String itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM pep_items WHERE owner = ? AND node = ? AND item_id = ?")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            ps.setString(3, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Stores an item (replacing one with the same id, which becomes the newest) and trims the node. */
    void putItem(Connection c, String owner, StoredItem item, int bytes, int kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pep_items (owner, " + ITEM_COLUMNS + ", bytes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner, node, item_id) DO UPDATE SET payload = excluded.payload,"
                + " publisher = excluded.publisher, published_at = excluded.published_at, bytes = excluded.bytes,"
                + " seq = nextval(pg_get_serial_sequence('pep_items', 'seq'))")) {
            ps.setString(1, owner);
            ps.setString(2, item.node());
            ps.setString(3, item.id());
            ps.setString(4, item.payload());
            ps.setString(5, item.publisher());
            ps.setTimestamp(6, Timestamp.from(item.publishedAt()));
            ps.setInt(7, bytes);
            ps.executeUpdate();
        }
        trim(c, owner, item.node(), kept);
    }

    private static void trim(Connection c, String owner, String node, int kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pep_items WHERE owner = ? AND node = ? AND seq NOT IN"
                + " (SELECT seq FROM pep_items WHERE owner = ? AND node = ? ORDER BY seq DESC LIMIT ?)")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            ps.setString(3, owner);
            ps.setString(4, node);
            ps.setInt(5, kept);
            ps.executeUpdate();
        }
    }

    /**
     * Items of a node, oldest first: those with the given ids, or else the most recent {@code max}
     * (XEP-0060 §6.5.7), or all when {@code max} is 0.
     */
    public List<StoredItem> items(String owner, String node, Collection<String> ids, int max) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return items(c, owner, node, ids, max);
        }
    }

    List<StoredItem> items(Connection c, String owner, String node, Collection<String> ids, int max) throws SQLException {
        String sql = "SELECT " + ITEM_COLUMNS + ", seq FROM pep_items WHERE owner = ? AND node = ?"
                + (ids.isEmpty() ? "" : " AND item_id = ANY (?::text[])") + " ORDER BY seq DESC"
                + (max > 0 ? " LIMIT " + max : "");
        List<StoredItem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM (" + sql + ") recent ORDER BY seq")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            if (!ids.isEmpty()) {
                ps.setArray(3, c.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    /** The newest item of each of the account's nodes that match, with the node's settings. */
    public List<LastItem> lastItems(String owner, Function<String, Boolean> wanted) throws SQLException {
        List<LastItem> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (i.node) " + NODE_COLUMNS + ", i.node, i.item_id,"
                        + " i.payload, i.publisher, i.published_at FROM pep_items i JOIN pep_nodes n USING (owner, node)"
                        + " WHERE owner = ? ORDER BY i.node, i.seq DESC")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String node = rs.getString(6);
                    if (wanted.apply(node)) {
                        out.add(new LastItem(settings(rs), new StoredItem(node, rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getTimestamp(10).toInstant())));
                    }
                }
            }
        }
        return out;
    }

    /** A node's newest item and its settings. */
    public record LastItem(NodeSettings settings, StoredItem item) {
    }

    /** Deletes one item; whether it existed. */
    boolean deleteItem(Connection c, String owner, String node, String itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pep_items WHERE owner = ? AND node = ? AND item_id = ?")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            ps.setString(3, itemId);
            return ps.executeUpdate() > 0;
        }
    }

    /** Deletes a node and its items; whether it existed. */
    boolean deleteNode(Connection c, String owner, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pep_nodes WHERE owner = ? AND node = ?")) {
            ps.setString(1, owner);
            ps.setString(2, node);
            return ps.executeUpdate() > 0;
        }
    }

    /** Deletes all of an account's nodes, items and private XML. */
    public void deleteAll(String owner) throws SQLException {
        inAccountTransaction(owner, c -> {
            for (String sql : new String[] {"DELETE FROM pep_nodes WHERE owner = ?", "DELETE FROM private_xml WHERE owner = ?"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, owner);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bindSettings(PreparedStatement ps, int at, NodeSettings s) throws SQLException {
        ps.setString(at, s.accessModel().value());
        ps.setInt(at + 1, s.maxItems());
        ps.setBoolean(at + 2, s.persistItems());
        ps.setString(at + 3, s.sendLast().value());
        ps.setBoolean(at + 4, s.notifyRetract());
    }

    private static NodeSettings settings(ResultSet rs) throws SQLException {
        return new NodeSettings(AccessModel.of(rs.getString(1)), rs.getInt(2), rs.getBoolean(3),
                SendLast.of(rs.getString(4)), rs.getBoolean(5));
    }
}
