package im.kith.xmpp.ext.muc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.ext.mam.ArchiveIds;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * Messages to a room (XEP-0045 §7.4 groupchat, §7.5 private messages, §8.1 subject, §7.8.2 mediated
 * invitations and declines). Groupchat messages get the room's XEP-0359 stanza-id and the sender's
 * XEP-0421 occupant-id; ones the client supplied in those namespaces claiming the room are dropped.
 * Runs on the room's queue.
 */
@ApplicationScoped
public class MessageHandler {
    private static final java.util.Set<String> GONE = java.util.Set.of("service-unavailable", "recipient-unavailable",
            "item-not-found", "remote-server-not-found", "remote-server-timeout", "gone");

    private final Outbox out;
    private final RoomArchive archive;
    private final RoomLifecycle lifecycle;
    private final ArchiveIds ids;
    private final Clock clock;
    private final PresenceHandler presence;

    @Inject
    public MessageHandler(Outbox out, RoomArchive archive, RoomLifecycle lifecycle, ArchiveIds ids, Clock clock,
            PresenceHandler presence) {
        this.presence = presence;
        this.out = out;
        this.archive = archive;
        this.lifecycle = lifecycle;
        this.ids = ids;
        this.clock = clock;
    }

    void handle(Room room, Stanza m) throws SQLException {
        Occupant sender = room.occupantByJid(m.from());
        if (m.isError()) {
            if (sender != null && undeliverable(m)) {
                // A message the room sent bounced from the occupant's real JID: a "ghost" occupant
                // that is no longer there leaves.
                presence.leave(room, sender, null);
            }
            return;
        }
        if (m.to().resource() != null) {
            privateMessage(room, sender, m);
        } else if ("groupchat".equals(m.type())) {
            groupchat(room, sender, m);
        } else if (m.element().child("x", MucNs.USER) != null) {
            invitation(room, sender, m);
        } else {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "messages to the room must be of type groupchat or carry an invitation");
        }
    }

    /** Whether an error says the recipient is not there (rather than, say, refusing one message). */
    private static boolean undeliverable(Stanza error) {
        Element e = error.element().child("error", Ns.CLIENT);
        Element condition = e == null ? null : e.childInNamespace(Ns.STANZA_ERRORS);
        return condition != null && GONE.contains(condition.name());
    }

    private void groupchat(Room room, Occupant sender, Stanza m) throws SQLException {
        if (sender == null) {
            // §7.4: only occupants may send to all occupants.
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "only occupants may send messages to the room");
        }
        if (!sender.role().hasVoice()) {
            // §7.4 / §8.4: visitors in a moderated room have no voice.
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "you have no voice in this room");
        }
        Element body = m.element().child("body", Ns.CLIENT);
        Element subject = m.element().child("subject", Ns.CLIENT);
        if (subject != null && body == null) {
            changeSubject(room, sender, m, subject.text());
            return;
        }
        Jid from = room.jid().withResource(sender.nick());
        // XEP-0359 §4 / XEP-0421 §4: ids the room vouches for are the room's own, never the client's.
        Element e = m.element().withoutChildren(c -> c.is("stanza-id", MucNs.SID) && claimsRoom(room, c)
                        || c.is("occupant-id", MucNs.OCCUPANT_ID))
                .withAttribute("from", from.toString()).withAttribute("to", null)
                .withChild(OccupantIds.element(room.secret(), sender.jid()));
        if (room.config().archiving() && body != null) {
            String id = ids.next();
            e = e.withChild(Element.builder("stanza-id", MucNs.SID).attribute("by", room.jid().toString())
                    .attribute("id", id).build());
            archive.insert(room.localpart(), new RoomMessage(id, clock.instant().truncatedTo(ChronoUnit.MICROS), 0,
                    sender.nick(), sender.jid().bare(), e));
        }
        for (Occupant o : room.occupants()) {
            out.send(new Stanza(StanzaKind.MESSAGE, e.withAttribute("to", o.jid().toString()), from, o.jid()));
        }
    }

    private static boolean claimsRoom(Room room, Element stanzaId) {
        String by = stanzaId.attribute("by");
        try {
            return by == null || Jid.parse(by).equals(room.jid());
        } catch (JidException ex) {
            return true;
        }
    }

    /** §8.1: moderators, and participants when the room allows it, change the subject. */
    private void changeSubject(Room room, Occupant sender, Stanza m, String text) {
        if (sender.role() != MucRole.MODERATOR && !room.config().changeSubject()) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only moderators may change the subject");
        }
        room.subject(text.isEmpty() ? null : text, sender.nick());
        if (room.config().persistent()) {
            lifecycle.save(room);
        }
        Jid from = room.jid().withResource(sender.nick());
        Element e = m.element().withAttribute("from", from.toString());
        for (Occupant o : room.occupants()) {
            out.send(new Stanza(StanzaKind.MESSAGE, e.withAttribute("to", o.jid().toString()), from, o.jid()));
        }
    }

    /** §7.5: a private message goes to the occupant's real JID, from the sender's occupant JID. */
    private void privateMessage(Room room, Occupant sender, Stanza m) {
        if (sender == null) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "only occupants may send private messages");
        }
        if ("groupchat".equals(m.type())) {
            // §7.5: a groupchat message to one occupant is refused.
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a private message must not be of type groupchat");
        }
        Occupant target = room.occupant(m.to().resource());
        if (target == null) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such occupant");
        }
        Jid from = room.jid().withResource(sender.nick());
        Element e = m.element().withoutChildren(c -> c.is("occupant-id", MucNs.OCCUPANT_ID) || c.is("x", MucNs.USER))
                .withAttribute("from", from.toString()).withAttribute("to", target.jid().toString())
                .withChild(Element.of("x", MucNs.USER))
                .withChild(OccupantIds.element(room.secret(), sender.jid()));
        out.send(new Stanza(StanzaKind.MESSAGE, e, from, target.jid()));
    }

    /** §7.8.2 mediated invitations (members-only rooms make the invitee a member) and declines (§7.8.2.2). */
    private void invitation(Room room, Occupant sender, Stanza m) {
        Element x = m.element().child("x", MucNs.USER);
        Element decline = x.child("decline", MucNs.USER);
        if (decline != null) {
            Jid to = jid(decline.attribute("to"));
            Element d = Element.builder("decline", MucNs.USER).attribute("from", m.from().bare().toString())
                    .child(decline.child("reason", MucNs.USER)).build();
            out.send(message(room, to, Element.builder("x", MucNs.USER).child(d).build(), null));
            return;
        }
        var invites = x.elements("invite", MucNs.USER);
        if (invites.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "nothing to do with this message");
        }
        if (sender == null) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "only occupants may invite");
        }
        Affiliation a = room.affiliation(sender.jid());
        if (!room.config().allowInvites() && !a.administers() && sender.role() != MucRole.MODERATOR) {
            // §7.8.2: only those allowed to invite may.
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "occupants may not invite others to this room");
        }
        for (Element invite : invites) {
            Jid to = jid(invite.attribute("to"));
            if (room.config().membersOnly() && room.affiliation(to) == Affiliation.NONE) {
                // §7.8.2: an invitation to a members-only room adds the invitee to the member list.
                room.affiliation(to.bare(), new AffiliationEntry(Affiliation.MEMBER, null, null));
                lifecycle.saveAffiliation(room, to.bare());
            }
            Element inv = Element.builder("invite", MucNs.USER).attribute("from", sender.jid().toString())
                    .child(invite.child("reason", MucNs.USER)).build();
            Element ux = Element.builder("x", MucNs.USER).child(inv)
                    .child(room.config().passwordProtected()
                            ? Element.builder("password", MucNs.USER).text(room.config().password()).build() : null)
                    .build();
            out.send(message(room, to, ux, sender.jid().toBareString() + " invites you to the room " + room.jid()));
        }
    }

    private static Stanza message(Room room, Jid to, Element x, String body) {
        Element.Builder b = Element.builder("message", Ns.CLIENT).attribute("from", room.jid().toString())
                .attribute("to", to.toString()).attribute("id", java.util.UUID.randomUUID().toString()).child(x);
        if (body != null) {
            b.child(Element.builder("body", Ns.CLIENT).text(body).build());
        }
        return new Stanza(StanzaKind.MESSAGE, b.build(), room.jid(), to);
    }

    private static Jid jid(String value) {
        if (value == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "'to' is required");
        }
        try {
            return Jid.parse(value);
        } catch (JidException e) {
            throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "'to' is not a valid JID");
        }
    }
}
