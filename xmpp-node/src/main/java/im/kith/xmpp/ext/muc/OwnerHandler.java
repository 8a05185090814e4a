package im.kith.xmpp.ext.muc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * The {@code muc#owner} protocol (XEP-0045 §10): the configuration form (§10.1.2 instant room,
 * §10.1.3 reserved room, §10.2 later changes) and destroying the room (§10.9). Owners only (§5.2.1).
 * Runs on the room's queue.
 */
@ApplicationScoped
public class OwnerHandler {
    private final RoomLifecycle lifecycle;
    private final PresenceHandler presence;
    private final Outbox out;
    private final MucConfig config;

    @Inject
    public OwnerHandler(RoomLifecycle lifecycle, PresenceHandler presence, Outbox out, MucConfig config) {
        this.lifecycle = lifecycle;
        this.presence = presence;
        this.out = out;
        this.config = config;
    }

    void get(Room room, Stanza iq) {
        requireOwner(room, iq);
        out.result(iq, Element.builder("query", MucNs.OWNER)
                .child(ConfigForm.form(room.config(), config.maxHistory())).build());
    }

    /** Returns false when the room was destroyed. */
    boolean set(RoomSlot slot, Room room, Stanza iq) {
        requireOwner(room, iq);
        Element q = iq.payload();
        Element destroy = q.child("destroy", MucNs.OWNER);
        if (destroy != null) {
            destroy(slot, room, iq, destroy);
            return false;
        }
        Element x = q.child("x", MucNs.DATA);
        if (x == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a data form or <destroy/> is required");
        }
        if ("cancel".equals(x.attribute("type"))) {
            // §10.1.3: cancelling the initial configuration destroys the new room.
            if (room.locked()) {
                out.result(iq, null);
                destroyQuietly(slot, room);
                return false;
            }
            out.result(iq, null);
            return true;
        }
        if (!"submit".equals(x.attribute("type"))) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the form must be submitted or cancelled");
        }
        RoomConfig before = room.config();
        RoomConfig after = ConfigForm.read(x, before, config);
        room.config(after);
        boolean wasLocked = room.locked();
        room.unlock();
        lifecycle.save(room);
        out.result(iq, null);
        if (!wasLocked) {
            notifyChange(room, before, after);
        }
        if (after.membersOnly() && !before.membersOnly()) {
            // §9.? / §10.2: non-members leave a room that became members-only, status 322.
            for (Occupant o : room.occupants()) {
                if (!room.affiliation(o.jid()).isMember()) {
                    presence.remove(room, o, OccupantPresence.of(room, o).unavailable().code(322));
                }
            }
        }
        return true;
    }

    /** §10.2.1: occupants learn of configuration changes through status codes 104, 170–173. */
    private void notifyChange(Room room, RoomConfig before, RoomConfig after) {
        Element.Builder x = Element.builder("x", MucNs.USER).child(status(104));
        if (before.archiving() != after.archiving()) {
            x.child(status(after.archiving() ? 170 : 171));
        }
        if (before.nonAnonymous() != after.nonAnonymous()) {
            x.child(status(after.nonAnonymous() ? 172 : 173));
        }
        Element xe = x.build();
        for (Occupant o : room.occupants()) {
            Element m = Element.builder("message", Ns.CLIENT).attribute("type", "groupchat")
                    .attribute("from", room.jid().toString()).attribute("to", o.jid().toString())
                    .attribute("id", java.util.UUID.randomUUID().toString()).child(xe).build();
            out.send(new Stanza(StanzaKind.MESSAGE, m, room.jid(), o.jid()));
        }
    }

    private static Element status(int code) {
        return Element.builder("status", MucNs.USER).attribute("code", code).build();
    }

    /** §10.9: every occupant gets unavailable presence with the {@code <destroy/>}; the room is gone. */
    private void destroy(RoomSlot slot, Room room, Stanza iq, Element destroy) {
        destroy(slot, room, destroy.attribute("jid"), destroy.childText("reason", MucNs.OWNER));
        out.result(iq, null);
    }

    /** §10.9 without a requesting owner (e.g. the server ends the room); alternate and reason may be null. */
    void destroy(RoomSlot slot, Room room, String alternate, String reason) {
        Element d = Element.builder("destroy", MucNs.USER).attribute("jid", alternate)
                .child(reason == null ? null : Element.builder("reason", MucNs.USER).text(reason).build())
                .build();
        for (Occupant o : room.occupants()) {
            presence.remove(room, o, OccupantPresence.of(room, o).unavailable().affiliation(Affiliation.NONE).extra(d));
        }
        lifecycle.destroy(slot);
    }

    private void destroyQuietly(RoomSlot slot, Room room) {
        for (Occupant o : room.occupants()) {
            presence.remove(room, o, OccupantPresence.of(room, o).unavailable());
        }
        lifecycle.destroy(slot);
    }

    private static void requireOwner(Room room, Stanza iq) {
        if (room.affiliation(iq.from()) != Affiliation.OWNER) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only owners may configure or destroy the room");
        }
    }
}
