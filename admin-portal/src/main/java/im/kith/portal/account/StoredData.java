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

    /**
     * An app that stays logged in with a FAST token (XEP-0484), as it described itself.
     *
     * @param client   the app installation's id
     * @param software the app's name for itself, or null
     * @param device   the device's name, or null
     * @param since    when its current token was issued
     * @param until    when its newest token expires
     */
    @TemplateData
    public record Device(String client, String software, String device, java.time.Instant since,
            java.time.Instant until) {
    }

    /** The apps with a login token, most recently issued first. */
    public java.util.List<Device> devices(String localpart) {
        java.util.List<Device> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT client_id, max(software), max(device),"
                        + " max(created_at), max(expires_at) FROM fast_tokens WHERE localpart = ?"
                        + " GROUP BY client_id ORDER BY max(created_at) DESC")) {
            ps.setString(1, localpart);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Device(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list devices: " + e.getMessage(), e);
        }
        return out;
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
