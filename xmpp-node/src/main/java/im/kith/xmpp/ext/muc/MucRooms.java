package im.kith.xmpp.ext.muc;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;

/**
 * The rooms as other modules use them (e.g. the invite service's circles). Each call runs on the
 * room's queue like a stanza would; the returned stage completes when the change is stored.
 */
@ApplicationScoped
public class MucRooms {
    private final RoomRegistry registry;
    private final RoomLifecycle lifecycle;
    private final PresenceHandler presence;
    private final MucDomain domain;
    private final OwnerHandler owner;

    @Inject
    public MucRooms(RoomRegistry registry, RoomLifecycle lifecycle, PresenceHandler presence, MucDomain domain,
            OwnerHandler owner) {
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.presence = presence;
        this.domain = domain;
        this.owner = owner;
    }

    /** The JID of a room on this service. */
    public Jid roomJid(String roomLocalpart) {
        return domain.room(roomLocalpart);
    }

    /**
     * Makes sure a persistent, hidden, members-only room exists with this name and that every given JID
     * is at least a member. Existing configuration other than the name and members-only is kept.
     */
    public CompletionStage<Jid> ensureMembersOnlyRoom(String roomLocalpart, String name, Collection<Jid> members) {
        String local = Jid.normalizeLocal(roomLocalpart);
        return registry.call(local, slot -> {
            Room room = slot.room();
            if (room == null) {
                room = lifecycle.create(slot, null, false);
            }
            room.config(room.config().asMembersOnly(name));
            room.unlock();
            lifecycle.save(room);
            for (Jid m : members) {
                if (!room.affiliation(m).isMember()) {
                    room.affiliation(m.bare(), new AffiliationEntry(Affiliation.MEMBER, nickOf(room, m.bare()), null));
                    lifecycle.saveAffiliation(room, m.bare());
                }
            }
            return room.jid();
        });
    }

    /**
     * Creates a persistent, hidden, members-only room without owner, unless a room with this localpart
     * exists already (it is left alone).
     *
     * @return whether the room was created
     */
    public CompletionStage<Boolean> createMembersOnlyRoom(String roomLocalpart, String name) {
        String local = Jid.normalizeLocal(roomLocalpart);
        return registry.call(local, slot -> {
            if (slot.room() != null) {
                return false;
            }
            Room room = lifecycle.create(slot, null, false);
            room.config(room.config().asMembersOnly(name));
            lifecycle.save(room);
            return true;
        });
    }

    /**
     * Destroys a room (XEP-0045 §10.9): its occupants get unavailable presence with {@code <destroy/>}
     * and the reason; it is removed with its affiliations.
     *
     * @return whether there was such a room
     */
    public CompletionStage<Boolean> destroyRoom(String roomLocalpart, String reason) {
        String local = Jid.normalizeLocal(roomLocalpart);
        return registry.call(local, slot -> {
            Room room = slot.room();
            if (room == null) {
                return false;
            }
            owner.destroy(slot, room, null, reason);
            return true;
        });
    }

    /** A bare JID's affiliation with a room; NONE also when there is no such room. */
    public CompletionStage<Affiliation> affiliation(String roomLocalpart, Jid who) {
        String local = Jid.normalizeLocal(roomLocalpart);
        return registry.call(local, slot -> slot.room() == null ? Affiliation.NONE : slot.room().affiliation(who.bare()));
    }

    /** Sets a bare JID's affiliation with a room (NONE removes it); occupants present see the change. */
    public CompletionStage<Void> setAffiliation(String roomLocalpart, Jid who, Affiliation affiliation) {
        String local = Jid.normalizeLocal(roomLocalpart);
        return registry.call(local, slot -> {
            Room room = slot.room();
            if (room == null) {
                throw new IllegalArgumentException("no room " + local);
            }
            Jid bare = who.bare();
            AffiliationEntry old = room.affiliationEntry(bare);
            // A reserved nickname belongs to members and above (§7.10).
            String nick = old == null || !affiliation.isMember() ? null : old.nick();
            room.affiliation(bare, new AffiliationEntry(affiliation, nick, null));
            lifecycle.saveAffiliation(room, bare);
            presence.affiliationChanged(room, bare, affiliation, null, null);
            return null;
        });
    }

    /** Drops a room from memory as a restart would; it is reloaded from the database on next use. */
    CompletionStage<Void> evict(String roomLocalpart) {
        return registry.evict(roomLocalpart);
    }

    private static String nickOf(Room room, Jid bare) {
        AffiliationEntry e = room.affiliationEntry(bare);
        return e == null ? null : e.nick();
    }
}
