package im.kith.xmpp.ext.mam;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Archiving preferences in PostgreSQL (table {@code mam_preferences}). Blocking calls. */
@ApplicationScoped
public class PrefsStore {
    private final DataSource dataSource;

    @Inject
    public PrefsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, ArchivePrefs> loadAll() throws SQLException {
        Map<String, ArchivePrefs> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT owner, default_mode, always_jids, never_jids FROM mam_preferences");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new ArchivePrefs(PrefsMode.of(rs.getString(2)), strings(rs.getArray(3)),
                        strings(rs.getArray(4))));
            }
        }
        return out;
    }

    public void save(String owner, ArchivePrefs prefs) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO mam_preferences (owner, default_mode, always_jids, never_jids) VALUES (?, ?, ?, ?)
                        ON CONFLICT (owner) DO UPDATE SET default_mode = excluded.default_mode,
                            always_jids = excluded.always_jids, never_jids = excluded.never_jids
                        """)) {
            ps.setString(1, owner);
            ps.setString(2, prefs.mode().attribute());
            ps.setArray(3, c.createArrayOf("text", prefs.always().stream().sorted().toArray()));
            ps.setArray(4, c.createArrayOf("text", prefs.never().stream().sorted().toArray()));
            ps.executeUpdate();
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }
}
