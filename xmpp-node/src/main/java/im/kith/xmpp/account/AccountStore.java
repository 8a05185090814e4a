package im.kith.xmpp.account;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.sasl.SaslAccount;
import im.kith.xmpp.sasl.ScramCredential;
import im.kith.xmpp.sasl.ScramHash;

/**
 * JDBC access to the {@code accounts} and {@code account_credentials} tables (V10__accounts.sql).
 * Every method blocks: call it off the event loop.
 */
@ApplicationScoped
class AccountStore {
    /** Rows per statement when inserting many accounts. */
    static final int CHUNK = 1000;

    private final DataSource dataSource;

    AccountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row of {@code accounts}. */
    record Row(String localpart, Role role, boolean disabled, Instant createdAt) {
    }

    /** An account to insert with its credentials. */
    record NewAccount(String localpart, Role role, List<ScramCredential> credentials) {
    }

    /** Inserts one account; false if the localpart is taken. */
    boolean insert(NewAccount account, Instant createdAt) throws SQLException {
        return !insertAll(List.of(account), createdAt).isEmpty();
    }

    /**
     * Inserts accounts in one transaction, in chunks of {@value #CHUNK}: one multi-row statement for the
     * accounts, then a JDBC batch for their credentials. Names taken in the meantime are left out.
     *
     * @return the localparts actually inserted
     */
    Set<String> insertAll(List<NewAccount> accounts, Instant createdAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> inserted = new HashSet<>();
                for (int from = 0; from < accounts.size(); from += CHUNK) {
                    List<NewAccount> chunk = accounts.subList(from, Math.min(accounts.size(), from + CHUNK));
                    Set<String> created = insertAccounts(c, chunk, createdAt);
                    insertCredentials(c, chunk.stream().filter(a -> created.contains(a.localpart())).toList());
                    inserted.addAll(created);
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Set<String> insertAccounts(Connection c, List<NewAccount> chunk, Instant createdAt)
            throws SQLException {
        String sql = "INSERT INTO accounts (localpart, role, disabled, created_at) "
                + "SELECT t.localpart, t.role, false, ? FROM unnest(?::text[], ?::text[]) AS t(localpart, role) "
                + "ON CONFLICT (localpart) DO NOTHING RETURNING localpart";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Array names = c.createArrayOf("text", chunk.stream().map(NewAccount::localpart).toArray());
            Array roles = c.createArrayOf("text", chunk.stream().map(a -> a.role().name()).toArray());
            s.setTimestamp(1, Timestamp.from(createdAt));
            s.setArray(2, names);
            s.setArray(3, roles);
            Set<String> created = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    created.add(rs.getString(1));
                }
            }
            return created;
        }
    }

    private static void insertCredentials(Connection c, List<NewAccount> accounts) throws SQLException {
        String sql = "INSERT INTO account_credentials (localpart, mechanism, salt, iterations, stored_key, server_key) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (localpart, mechanism) DO UPDATE SET salt = excluded.salt, "
                + "iterations = excluded.iterations, stored_key = excluded.stored_key, server_key = excluded.server_key";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (NewAccount a : accounts) {
                for (ScramCredential cred : a.credentials()) {
                    s.setString(1, a.localpart());
                    s.setString(2, cred.hash().mechanism());
                    s.setBytes(3, cred.salt());
                    s.setInt(4, cred.iterations());
                    s.setBytes(5, cred.storedKey());
                    s.setBytes(6, cred.serverKey());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** Which of these localparts are taken. */
    Set<String> existing(Collection<String> localparts) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT localpart FROM accounts WHERE localpart = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", localparts.toArray()));
            Set<String> found = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    /** Replaces an account's credentials; false if there is no such account. */
    boolean replaceCredentials(String localpart, List<ScramCredential> credentials) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement(
                        "SELECT 1 FROM accounts WHERE localpart = ? FOR UPDATE")) {
                    lock.setString(1, localpart);
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM account_credentials WHERE localpart = ?")) {
                    delete.setString(1, localpart);
                    delete.executeUpdate();
                }
                insertCredentials(c, List.of(new NewAccount(localpart, Role.USER, credentials)));
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    boolean delete(String localpart) throws SQLException {
        return update("DELETE FROM accounts WHERE localpart = ?", localpart) > 0;
    }

    boolean setDisabled(String localpart, boolean disabled) throws SQLException {
        return update("UPDATE accounts SET disabled = ? WHERE localpart = ?", disabled, localpart) > 0;
    }

    boolean setRole(String localpart, Role role) throws SQLException {
        return update("UPDATE accounts SET role = ? WHERE localpart = ?", role.name(), localpart) > 0;
    }

    Optional<Row> find(String localpart) throws SQLException {
        List<Row> rows = query("SELECT localpart, role, disabled, created_at FROM accounts WHERE localpart = ?",
                localpart);
        return rows.stream().findFirst();
    }

    /** All accounts ordered by localpart. */
    List<Row> list() throws SQLException {
        return query("SELECT localpart, role, disabled, created_at FROM accounts ORDER BY localpart");
    }

    /** The accounts that have this role, by localpart. */
    List<String> withRole(Role role) throws SQLException {
        return query("SELECT localpart, role, disabled, created_at FROM accounts WHERE role = ?", role.name())
                .stream().map(Row::localpart).toList();
    }

    long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM accounts");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What SASL needs of an account, in one query. */
    Optional<SaslAccount> credentials(String localpart) throws SQLException {
        String sql = "SELECT a.disabled, c.mechanism, c.salt, c.iterations, c.stored_key, c.server_key "
                + "FROM accounts a LEFT JOIN account_credentials c ON c.localpart = a.localpart WHERE a.localpart = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, localpart);
            try (ResultSet rs = s.executeQuery()) {
                boolean found = false;
                boolean disabled = false;
                List<ScramCredential> credentials = new ArrayList<>(2);
                while (rs.next()) {
                    found = true;
                    disabled = rs.getBoolean(1);
                    Optional<ScramHash> hash = hash(rs.getString(2)); // empty: no credentials, or an unknown kind
                    if (hash.isPresent()) {
                        credentials.add(new ScramCredential(hash.get(), rs.getBytes(3), rs.getInt(4),
                                rs.getBytes(5), rs.getBytes(6)));
                    }
                }
                return found ? Optional.of(new SaslAccount(localpart, disabled, credentials)) : Optional.empty();
            }
        }
    }

    private static Optional<ScramHash> hash(String mechanism) {
        for (ScramHash h : ScramHash.values()) {
            if (h.mechanism().equals(mechanism)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    private List<Row> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getBoolean(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }
}
