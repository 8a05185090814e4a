package im.kith.xmpp.ext.bookmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.ext.pep.PepStore;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;

/**
 * XEP-0049 private XML in PostgreSQL ({@code private_xml}, V46). Writes take the account's PEP write
 * lock, so the storage limit holds for PEP items and private XML together. Blocking calls.
 */
@ApplicationScoped
public class PrivateStore {
    private final DataSource dataSource;
    private final PepStore pep;

    public PrivateStore(DataSource dataSource, PepStore pep) {
        this.dataSource = dataSource;
        this.pep = pep;
    }

    /** The stored element of a namespace, serialised. */
    public Optional<String> find(String owner, String namespace) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT payload FROM private_xml WHERE owner = ? AND namespace = ?")) {
            ps.setString(1, owner);
            ps.setString(2, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Stores (replaces) the element of a namespace, refusing with policy-violation beyond {@code limit}. */
    public void save(String owner, String namespace, String xml, int bytes, long limit, Instant now) throws SQLException {
        pep.inAccountTransaction(owner, c -> {
            long replaced = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM private_xml WHERE owner = ? AND namespace = ?")) {
                ps.setString(1, owner);
                ps.setString(2, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        replaced = rs.getLong(1);
                    }
                }
            }
            if (pep.usage(c, owner) - replaced + bytes > limit) {
                throw new StanzaErrorException(StanzaErrorCondition.POLICY_VIOLATION,
                        "the account's storage limit of " + limit + " bytes would be exceeded");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO private_xml (owner, namespace, payload, bytes, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner, namespace) DO UPDATE SET payload = excluded.payload,"
                    + " bytes = excluded.bytes, updated_at = excluded.updated_at")) {
                ps.setString(1, owner);
                ps.setString(2, namespace);
                ps.setString(3, xml);
                ps.setInt(4, bytes);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.executeUpdate();
            }
            return null;
        });
    }
}
