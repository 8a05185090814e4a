package im.kith.portal.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.TemplateData;

/**
 * Counts what the node stores for one account, reading the node's tables (roster, offline messages,
 * archive, block list, vCard, last presence). It counts rows and never reads message contents.
 * Blocking.
 */
@ApplicationScoped
public class StoredData {
    private static final String COUNTS = """
            SELECT (SELECT count(*) FROM roster_items WHERE owner = ? AND listed),
                   (SELECT count(*) FROM offline_messages WHERE owner = ?),
                   (SELECT count(*) FROM mam_messages WHERE owner = ?),
                   (SELECT count(*) FROM blocked_jids WHERE owner = ?),
                   EXISTS (SELECT 1 FROM vcards WHERE owner = ?),
                   EXISTS (SELECT 1 FROM last_presence WHERE owner = ?)
            """;

    private final DataSource dataSource;

    StoredData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The counts for an account.
     *
     * @param contacts     listed roster items
     * @param offline      messages waiting for an offline account
     * @param archived     messages in the archive
     * @param blocked      blocked addresses
     * @param vcard        whether a vCard is stored
     * @param lastPresence whether a last status and time are stored
     */
    @TemplateData
    public record Counts(long contacts, long offline, long archived, long blocked, boolean vcard,
            boolean lastPresence) {
    }

    public Counts of(String localpart) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNTS)) {
            for (int i = 1; i <= 6; i++) {
                ps.setString(i, localpart);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5),
                        rs.getBoolean(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count stored data: " + e.getMessage(), e);
        }
    }
}
