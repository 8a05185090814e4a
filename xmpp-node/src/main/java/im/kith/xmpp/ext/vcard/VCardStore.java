package im.kith.xmpp.ext.vcard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** vCards in PostgreSQL (table {@code vcards}). Blocking calls: run them on virtual threads. */
@ApplicationScoped
public class VCardStore {
    private final DataSource dataSource;

    @Inject
    public VCardStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What an account published. */
    public sealed interface Lookup {
        /** No such account. */
        record NoAccount() implements Lookup {
        }

        /** The account exists; {@code xml} is null when it has published nothing. */
        record Found(String xml) implements Lookup {
        }
    }

    public Lookup find(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT v.vcard FROM accounts a LEFT JOIN vcards v ON v.owner = a.localpart WHERE a.localpart = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Lookup.Found(rs.getString(1)) : new Lookup.NoAccount();
            }
        }
    }

    public void save(String owner, String xml, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO vcards (owner, vcard, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (owner) DO UPDATE SET vcard = excluded.vcard, updated_at = excluded.updated_at
                        """)) {
            ps.setString(1, owner);
            ps.setString(2, xml);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }
}
