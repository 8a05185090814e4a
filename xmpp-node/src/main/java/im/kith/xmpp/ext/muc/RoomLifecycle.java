package im.kith.xmpp.ext.muc;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.jid.Jid;

/**
 * Creation, loading, persistence and end of rooms (XEP-0045 §10.1, §10.9). Runs on room queues
 * (virtual threads), so it uses JDBC directly.
 */
@ApplicationScoped
public class RoomLifecycle {
    private static final Logger LOG = Logger.getLogger(RoomLifecycle.class);

    private final RoomStore store;
    private final MucConfig config;
    private final MucDomain domain;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public RoomLifecycle(RoomStore store, MucConfig config, MucDomain domain) {
        this.store = store;
        this.config = config;
        this.domain = domain;
    }

    void ensureLoaded(RoomSlot slot) {
        if (!(slot.state() instanceof RoomState.Unloaded)) {
            return;
        }
        Optional<RoomStore.StoredRoom> stored = io(() -> store.load(slot.localpart()));
        if (stored.isEmpty()) {
            slot.state(new RoomState.Missing());
        } else if (!stored.get().config().persistent()) {
            // A temporary room left over from a previous run: it ended with that run.
            io(() -> {
                store.delete(slot.localpart());
                return null;
            });
            slot.state(new RoomState.Missing());
        } else {
            RoomStore.StoredRoom r = stored.get();
            slot.state(new RoomState.Live(new Room(slot.localpart(), domain.room(slot.localpart()), r.secret(),
                    r.config(), r.affiliations(), r.subject(), r.subjectBy(), false)));
        }
    }

    /** §10.1.1: the first occupant creates the room, becomes its owner, and the room stays locked until configured. */
    Room create(RoomSlot slot, Jid ownerBare, boolean locked) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Room room = new Room(slot.localpart(), domain.room(slot.localpart()), secret, RoomConfig.defaults(config),
                ownerBare == null ? Map.of() : Map.of(ownerBare.bare(), new AffiliationEntry(Affiliation.OWNER, null, null)),
                null, null, locked);
        save(room);
        if (ownerBare != null) {
            saveAffiliation(room, ownerBare.bare());
        }
        slot.state(new RoomState.Live(room));
        return room;
    }

    /** A room without occupants: a temporary one ends (§10.1.2 / §4.1), a persistent one leaves memory. */
    void settle(RoomSlot slot) {
        Room room = slot.room();
        if (room == null || !room.empty()) {
            return;
        }
        if (room.config().persistent() && !room.locked()) {
            slot.state(new RoomState.Unloaded());
        } else {
            destroy(slot);
        }
    }

    void destroy(RoomSlot slot) {
        io(() -> {
            store.delete(slot.localpart());
            return null;
        });
        slot.state(new RoomState.Missing());
    }

    void save(Room room) {
        io(() -> {
            store.save(room);
            return null;
        });
    }

    void saveAffiliation(Room room, Jid bare) {
        io(() -> {
            store.saveAffiliation(room.localpart(), bare, room.affiliationEntry(bare));
            return null;
        });
    }

    private static <T> T io(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            LOG.error("room storage failed", e);
            throw new IllegalStateException("room storage failed", e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
