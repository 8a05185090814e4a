package im.kith.xmpp.ext.muc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/**
 * Presence to a room (XEP-0045 §7.2 entering, §7.6 nick change, §7.7 status change, §7.14 exit) and
 * the removal of occupants (§9.1 kick, §9.2 ban, §10.9 destroy). Runs on the room's queue.
 */
@ApplicationScoped
public class PresenceHandler {
    private final RoomLifecycle lifecycle;
    private final Outbox out;
    private final JoinedIndex index;
    private final RoomHistory history;

    @Inject
    public PresenceHandler(RoomLifecycle lifecycle, Outbox out, JoinedIndex index, RoomHistory history) {
        this.lifecycle = lifecycle;
        this.out = out;
        this.index = index;
        this.history = history;
    }

    void handle(RoomSlot slot, Stanza p) {
        Room room = slot.room();
        Jid from = p.from();
        Occupant occupant = room == null ? null : room.occupantByJid(from);
        String type = p.type();
        if ("error".equals(type) || "unavailable".equals(type)) {
            // §7.14: unavailable presence is leaving; an error from an occupant's address means it is gone.
            if (occupant != null) {
                leave(room, occupant, "unavailable".equals(type) ? p.element() : null);
            }
            return;
        }
        if (type != null) {
            return; // subscription stanzas and probes mean nothing to a room
        }
        String nick = p.to().resource();
        if (nick == null) {
            // §7.2.1: entering needs a nickname.
            out.error(p, StanzaErrorCondition.JID_MALFORMED, "a room nickname is required");
            return;
        }
        if (occupant == null) {
            join(slot, p, nick);
        } else if (!occupant.nick().equals(nick)) {
            changeNick(room, occupant, nick, p);
        } else {
            // §7.7: a changed availability is broadcast to all occupants.
            Occupant updated = occupant.withPresence(clean(p.element()));
            room.put(updated);
            OccupantPresence.of(room, updated).broadcast(out);
        }
    }

    private void join(RoomSlot slot, Stanza p, String nick) {
        Jid from = p.from();
        Room room = slot.room();
        boolean created = false;
        if (room == null) {
            room = lifecycle.create(slot, from.bare(), true);
            created = true;
        } else {
            StanzaErrorCondition refusal = refusal(room, p, nick);
            if (refusal != null) {
                out.error(p, refusal, refusalText(refusal));
                return;
            }
        }
        Affiliation a = room.affiliation(from);
        Occupant self = new Occupant(nick, from, room.defaultRole(a), clean(p.element()));
        room.put(self);
        index.joined(from, room.localpart());
        // §7.2.3: first the presence of the occupants already there, then the new occupant's to everyone.
        for (Occupant other : room.occupants()) {
            if (!other.jid().equals(from)) {
                out.send(OccupantPresence.of(room, other).to(self));
            }
        }
        OccupantPresence mine = OccupantPresence.of(room, self);
        if (room.config().nonAnonymous()) {
            mine.selfCode(100); // §7.2.3: non-anonymous room
        }
        if (room.config().archiving()) {
            mine.selfCode(170); // §7.2.12: the room is logged
        }
        if (created) {
            mine.selfCode(201); // §10.1.1: new room, locked until configured
        }
        mine.broadcast(out);
        if (!created) {
            // §7.2.14 history, then §7.2.15 the subject.
            history.send(room, self, p.element().child("x", MucNs.MUC));
        }
        out.send(subject(room, self));
    }

    /** Why a user may not enter (§7.2.5–§7.2.10), or null. */
    private static StanzaErrorCondition refusal(Room room, Stanza p, String nick) {
        Jid bare = p.from().bare();
        Affiliation a = room.affiliation(bare);
        if (room.locked() && a != Affiliation.OWNER) {
            return StanzaErrorCondition.ITEM_NOT_FOUND; // §10.1.1: locked until configured
        }
        if (a == Affiliation.OUTCAST) {
            return StanzaErrorCondition.FORBIDDEN; // §7.2.8
        }
        if (room.config().membersOnly() && !a.isMember()) {
            return StanzaErrorCondition.REGISTRATION_REQUIRED; // §7.2.7
        }
        if (room.config().passwordProtected()) {
            Element x = p.element().child("x", MucNs.MUC);
            String given = x == null ? null : x.childText("password", MucNs.MUC);
            if (!room.config().password().equals(given)) {
                return StanzaErrorCondition.NOT_AUTHORIZED; // §7.2.6
            }
        }
        Occupant holder = room.occupant(nick);
        Jid reserver = room.nickOwner(nick);
        if (holder != null || reserver != null && !reserver.equals(bare)) {
            return StanzaErrorCondition.CONFLICT; // §7.2.9: in use or reserved by someone else
        }
        if (!a.administers() && room.occupantCount() >= room.config().maxUsers()) {
            return StanzaErrorCondition.SERVICE_UNAVAILABLE; // §7.2.10
        }
        return null;
    }

    private static String refusalText(StanzaErrorCondition c) {
        return switch (c) {
            case ITEM_NOT_FOUND -> "the room is locked until its owner configures it";
            case FORBIDDEN -> "you are banned from this room";
            case REGISTRATION_REQUIRED -> "this room is members-only";
            case NOT_AUTHORIZED -> "a password is required to enter this room";
            case CONFLICT -> "this nickname is in use or reserved";
            case SERVICE_UNAVAILABLE -> "the room is full";
            default -> null;
        };
    }

    /** §7.6: unavailable with 303 and the new nick, then available under the new nick. */
    private void changeNick(Room room, Occupant o, String nick, Stanza p) {
        Occupant holder = room.occupant(nick);
        Jid reserver = room.nickOwner(nick);
        if (holder != null || reserver != null && !reserver.equals(o.jid().bare())) {
            out.error(p, StanzaErrorCondition.CONFLICT, "this nickname is in use or reserved");
            return;
        }
        OccupantPresence.of(room, o).unavailable().role(o.role()).newNick(nick).code(303).broadcast(out);
        Occupant renamed = o.withNick(nick).withPresence(clean(p.element()));
        room.put(renamed);
        OccupantPresence.of(room, renamed).broadcast(out);
    }

    /** §7.14: the occupant leaves; everyone, itself included, gets its unavailable presence. */
    void leave(Room room, Occupant o, Element ownPresence) {
        OccupantPresence gone = OccupantPresence.of(room, o).unavailable();
        if (ownPresence != null) {
            gone.base(clean(ownPresence));
        }
        remove(room, o, gone);
    }

    /** Removes an occupant and broadcasts the given unavailable presence to it and the remaining occupants. */
    void remove(Room room, Occupant o, OccupantPresence unavailable) {
        out.send(unavailable.to(o));
        room.remove(o);
        index.left(o.jid(), room.localpart());
        unavailable.broadcast(out);
    }

    /** Broadcasts an occupant's presence after its role or affiliation changed (§9, §10). */
    void announce(Room room, Occupant o, String actorNick, String reason) {
        OccupantPresence.of(room, o).itemChild(OccupantPresence.actor(actorNick))
                .itemChild(OccupantPresence.reason(reason)).broadcast(out);
    }

    /**
     * Shows a changed affiliation to the room (§10.3–§10.7): a banned occupant leaves with 301, a
     * non-member leaves a members-only room with 321, anyone else gets the role of the new affiliation.
     */
    void affiliationChanged(Room room, Jid bare, Affiliation affiliation, String actorNick, String reason) {
        for (Occupant o : room.occupantsOf(bare)) {
            if (affiliation == Affiliation.OUTCAST) {
                remove(room, o, OccupantPresence.of(room, o).unavailable().affiliation(Affiliation.OUTCAST).code(301)
                        .itemChild(OccupantPresence.actor(actorNick)).itemChild(OccupantPresence.reason(reason)));
            } else if (room.config().membersOnly() && !affiliation.isMember()) {
                remove(room, o, OccupantPresence.of(room, o).unavailable().code(321));
            } else {
                Occupant changed = o.withRole(room.defaultRole(affiliation));
                room.put(changed);
                announce(room, changed, actorNick, reason);
            }
        }
    }

    /** §7.2.15: the subject, or an empty one, from the room or the occupant who set it. */
    Stanza subject(Room room, Occupant to) {
        Jid from = room.subjectBy() == null ? room.jid() : room.jid().withResource(room.subjectBy());
        Element m = Element.builder("message", Ns.CLIENT).attribute("type", "groupchat")
                .attribute("from", from.toString()).attribute("to", to.jid().toString())
                .attribute("id", java.util.UUID.randomUUID().toString())
                .child(Element.builder("subject", Ns.CLIENT).text(room.subject()).build())
                .build();
        return Stanza.of(m);
    }

    /** The client's presence without addressing and MUC extensions, as kept for broadcasts. */
    private static Element clean(Element presence) {
        return presence.withAttribute("to", null).withAttribute("from", null).withAttribute("id", null)
                .withoutChildren(e -> e.namespace().equals(MucNs.MUC) || e.namespace().equals(MucNs.USER)
                        || e.is("occupant-id", MucNs.OCCUPANT_ID));
    }
}
