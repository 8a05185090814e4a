package im.kith.xmpp.ext.muc;

import java.sql.SQLException;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0425 Moderated Message Retraction (v0.3, {@code urn:xmpp:message-moderate:1}): a moderator
 * retracts a message by its stanza-id; the room broadcasts the XEP-0424 retraction and keeps a
 * tombstone in its archive in place of the message (§4, §5). Runs on the room's queue.
 */
@ApplicationScoped
public class Moderation {
    private final RoomArchive archive;
    private final Outbox out;
    private final Clock clock;

    @Inject
    public Moderation(RoomArchive archive, Outbox out, Clock clock) {
        this.archive = archive;
        this.out = out;
        this.clock = clock;
    }

    void moderate(Room room, Stanza iq) throws SQLException {
        Element moderate = iq.payload();
        Occupant moderator = room.occupantByJid(iq.from());
        // §4: only moderators may moderate.
        if (moderator == null || moderator.role() != MucRole.MODERATOR) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only moderators may retract messages");
        }
        String id = moderate.attribute("id");
        if (id == null || moderate.child("retract", MucNs.RETRACT) == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a moderation needs an 'id' and <retract/>");
        }
        RoomMessage m = archive.find(room.localpart(), id).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no message with this id in the room's archive"));
        String reason = moderate.childText("reason", MucNs.MODERATE);
        Jid by = room.jid().withResource(moderator.nick());
        Element moderated = Element.builder("moderated", MucNs.MODERATE).attribute("by", by.toString())
                .child(OccupantIds.element(room.secret(), moderator.jid())).build();
        // §5: the archived message becomes a tombstone.
        Element tombstone = Element.builder("message", Ns.CLIENT).attribute("type", "groupchat")
                .attribute("from", m.message().attribute("from")).attribute("id", m.message().attribute("id"))
                .child(Element.builder("retracted", MucNs.RETRACT).attribute("stamp", clock.instant().toString())
                        .child(moderated).child(reason == null ? null : Element.builder("reason", MucNs.RETRACT).text(reason).build())
                        .build())
                .child(m.message().child("occupant-id", MucNs.OCCUPANT_ID))
                .child(m.message().child("stanza-id", MucNs.SID))
                .build();
        archive.replace(room.localpart(), id, tombstone);
        out.result(iq, null);
        // §4: the retraction goes to every occupant, from the room.
        Element retract = Element.builder("retract", MucNs.RETRACT).attribute("id", id).child(moderated)
                .child(reason == null ? null : Element.builder("reason", MucNs.RETRACT).text(reason).build()).build();
        for (Occupant o : room.occupants()) {
            Element e = Element.builder("message", Ns.CLIENT).attribute("type", "groupchat")
                    .attribute("from", room.jid().toString()).attribute("to", o.jid().toString())
                    .attribute("id", java.util.UUID.randomUUID().toString()).child(retract).build();
            out.send(new Stanza(StanzaKind.MESSAGE, e, room.jid(), o.jid()));
        }
    }
}
