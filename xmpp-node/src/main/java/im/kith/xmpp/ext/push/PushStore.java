package im.kith.xmpp.ext.push;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.jid.Jid;

/** Push registrations in PostgreSQL (table {@code push_registrations}, V91). Blocking. */
@ApplicationScoped
class PushStore {
    private final DataSource dataSource;

    PushStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<Registration> loadAll() throws SQLException {
        List<Registration> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner, resource, service, node, option_vars,"
                        + " option_values FROM push_registrations");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] vars = (String[]) rs.getArray(5).getArray();
                String[] values = (String[]) rs.getArray(6).getArray();
                Map<String, String> options = new LinkedHashMap<>();
                for (int i = 0; i < vars.length && i < values.length; i++) {
                    options.put(vars[i], values[i]);
                }
                out.add(new Registration(rs.getString(1), rs.getString(2), Jid.parse(rs.getString(3)), rs.getString(4),
                        options));
            }
        }
        return out;
    }

    void upsert(Registration r, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO push_registrations (owner, service, node,"
                        + " resource, option_vars, option_values, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (owner, service, node) DO UPDATE SET resource = EXCLUDED.resource,"
                        + " option_vars = EXCLUDED.option_vars, option_values = EXCLUDED.option_values")) {
            ps.setString(1, r.owner());
            ps.setString(2, r.service().toString());
            ps.setString(3, r.node());
            ps.setString(4, r.resource());
            Array vars = c.createArrayOf("text", r.options().keySet().toArray());
            Array values = c.createArrayOf("text", r.options().values().toArray());
            ps.setArray(5, vars);
            ps.setArray(6, values);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Deletes the registrations of an owner for a service, for one node or (node null) all of them. */
    void delete(String owner, Jid service, String node) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM push_registrations WHERE owner = ?"
                        + " AND service = ? AND (?::text IS NULL OR node = ?)")) {
            ps.setString(1, owner);
            ps.setString(2, service.toString());
            ps.setString(3, node);
            ps.setString(4, node);
            ps.executeUpdate();
        }
    }
}
