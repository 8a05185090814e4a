package im.kith.xmpp.im.roster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import im.kith.xmpp.jid.Jid;

/**
 * JDBC access to rosters and subscription states ({@code roster_items}, {@code roster_versions},
 * V20__roster.sql). Every method blocks: call it through the {@link AccountSequencer}.
 *
 * <p>Each change runs in one transaction that first locks the account's version row, so changes to one
 * roster are serialised even across nodes, and the version moves exactly when the user's view of the
 * roster changes (RFC 6121 §2.6).
 */
@ApplicationScoped
public class RosterStore {
    private static final String COLUMNS = "contact, name, groups, subscription, pending_out, pending_in, approved, listed";

    private final DataSource dataSource;
    private final RosterConfig config;
    private final Event<RosterListingChanged> listings;

    public RosterStore(DataSource dataSource, RosterConfig config, Event<RosterListingChanged> listings) {
        this.dataSource = dataSource;
        this.config = config;
        this.listings = listings;
    }

    /** The roster the user sees and its version. */
    public record Roster(long version, List<RosterEntry> items) {
    }

    /**
     * The contacts that presence broadcast needs (RFC 6121 §4.2.2, §4.3.1, §3.1.3).
     *
     * @param subscribers     contacts subscribed to the account's presence (from, both)
     * @param subscriptions   contacts whose presence the account is subscribed to (to, both)
     * @param pendingRequests the stored unanswered inbound subscription requests
     */
    public record PresenceContacts(List<Jid> subscribers, List<Jid> subscriptions, List<String> pendingRequests) {
    }

    /** A new version of one entry, or null to forget the contact; plus what the caller decided on the way. */
    public record Edit<T>(RosterEntry after, T decision) {
    }

    /**
     * The outcome of {@link #modify}.
     *
     * @param version the new roster version when the user's view changed (a roster push is due), else 0
     */
    public record Change<T>(RosterEntry before, RosterEntry after, long version, T decision) {

        /** Whether the user's view of the roster changed. */
        public boolean pushDue() {
            return version > 0;
        }
    }

    /**
     * The listed items of an account, ordered by JID, and the roster version (0 for a roster never
     * changed). Both reads see the same roster because changes to it are sequenced with this call.
     */
    public Roster roster(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long version = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM roster_versions WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        version = rs.getLong(1);
                    }
                }
            }
            List<RosterEntry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM roster_items WHERE owner = ? AND listed ORDER BY contact")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(entry(rs));
                    }
                }
            }
            return new Roster(version, items);
        }
    }

    /** What the account keeps about one contact, if anything. */
    public Optional<RosterEntry> entry(String owner, Jid contact) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Optional.ofNullable(select(c, owner, contact, false));
        }
    }

    /** The account's subscribers, subscriptions and pending requests. */
    public PresenceContacts presenceContacts(String owner) throws SQLException {
        List<Jid> subscribers = new ArrayList<>();
        List<Jid> subscriptions = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT contact, subscription, pending_in FROM roster_items"
                        + " WHERE owner = ? AND (subscription <> 'none' OR pending_in IS NOT NULL)")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Jid contact = Jid.parse(rs.getString(1));
                    Subscription s = Subscription.parse(rs.getString(2));
                    if (s.from()) {
                        subscribers.add(contact);
                    }
                    if (s.to()) {
                        subscriptions.add(contact);
                    }
                    String request = rs.getString(3);
                    if (request != null) {
                        pending.add(request);
                    }
                }
            }
        }
        return new PresenceContacts(subscribers, subscriptions, pending);
    }

    /** Local accounts that keep an entry for a JID (e.g. of an account being deleted). */
    public List<String> ownersKnowing(Jid contact) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner FROM roster_items WHERE contact = ?")) {
            ps.setString(1, contact.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owners.add(rs.getString(1));
                }
            }
        }
        return owners;
    }

    /**
     * Changes what an account keeps about one contact, in one transaction: reads the entry (or
     * {@link RosterEntry#absent}) under the roster's lock, asks {@code edit} for the new entry, stores it
     * and moves the roster version if the user's view changed. {@code edit} may throw to abort. A contact
     * that comes onto or leaves the roster is announced with {@link RosterListingChanged} once committed.
     *
     * @throws RosterFullException when the change would add a contact beyond {@code kith.roster.max-items}
     */
    public <T> Change<T> modify(String owner, Jid contact, Function<RosterEntry, Edit<T>> edit) throws SQLException {
        Change<T> change;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockRoster(c, owner);
                RosterEntry stored = select(c, owner, contact, true);
                RosterEntry before = stored != null ? stored : RosterEntry.absent(contact);
                Edit<T> result = edit.apply(before);
                RosterEntry after = result.after() != null ? result.after() : RosterEntry.absent(contact);
                long version = 0;
                if (!after.equals(before)) {
                    if (stored == null && !after.isEmpty() && count(c, owner) >= config.maxItems()) {
                        throw new RosterFullException(config.maxItems());
                    }
                    write(c, owner, after);
                    if (after.looksDifferentFrom(before)) {
                        version = nextVersion(c, owner);
                    }
                }
                c.commit();
                change = new Change<>(before, after, version, result.decision());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (change.before().listed() != change.after().listed()) {
            listings.fire(new RosterListingChanged(owner, change.after().contact(), change.after().listed()));
        }
        return change;
    }

    private static void lockRoster(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO roster_versions (owner, version) VALUES (?, 0) ON CONFLICT (owner) DO NOTHING")) {
            ps.setString(1, owner);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM roster_versions WHERE owner = ? FOR UPDATE")) {
            ps.setString(1, owner);
            ps.executeQuery().close();
        }
    }

    private static long nextVersion(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE roster_versions SET version = nextval('roster_version_seq')"
                + " WHERE owner = ? RETURNING version")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int count(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM roster_items WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static RosterEntry select(Connection c, String owner, Jid contact, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM roster_items WHERE owner = ? AND contact = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, owner);
            ps.setString(2, contact.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? entry(rs) : null;
            }
        }
    }

    private static void write(Connection c, String owner, RosterEntry e) throws SQLException {
        if (e.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM roster_items WHERE owner = ? AND contact = ?")) {
                ps.setString(1, owner);
                ps.setString(2, e.contact().toString());
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster_items (owner, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner, contact) DO UPDATE SET"
                + " name = excluded.name, groups = excluded.groups, subscription = excluded.subscription,"
                + " pending_out = excluded.pending_out, pending_in = excluded.pending_in,"
                + " approved = excluded.approved, listed = excluded.listed")) {
            SubscriptionState s = e.state();
            ps.setString(1, owner);
            ps.setString(2, e.contact().toString());
            ps.setString(3, e.name());
            ps.setArray(4, c.createArrayOf("text", e.groups().toArray()));
            ps.setString(5, s.subscription().value());
            ps.setBoolean(6, s.pendingOut());
            ps.setString(7, e.pendingRequest());
            ps.setBoolean(8, s.approved());
            ps.setBoolean(9, e.listed());
            ps.executeUpdate();
        }
    }

    private static RosterEntry entry(ResultSet rs) throws SQLException {
        Array groups = rs.getArray("groups");
        List<String> groupList = groups == null ? List.of() : Arrays.asList((String[]) groups.getArray());
        String pendingIn = rs.getString("pending_in");
        SubscriptionState state = new SubscriptionState(Subscription.parse(rs.getString("subscription")),
                rs.getBoolean("pending_out"), pendingIn != null, rs.getBoolean("approved"));
        return new RosterEntry(Jid.parse(rs.getString("contact")), rs.getString("name"), groupList, state, pendingIn,
                rs.getBoolean("listed"));
    }
}
