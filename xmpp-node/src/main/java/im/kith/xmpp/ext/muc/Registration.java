package im.kith.xmpp.ext.muc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * Registering with a room (XEP-0045 §7.10, {@code jabber:iq:register}): reserves a nickname and makes
 * the user a member; others cannot enter under a reserved nickname (§7.2.9). In a members-only room
 * only members register. Runs on the room's queue.
 */
@ApplicationScoped
public class Registration {
    private static final String NICK_FIELD = "muc#register_roomnick";

    private final RoomLifecycle lifecycle;
    private final Outbox out;

    @Inject
    public Registration(RoomLifecycle lifecycle, Outbox out) {
        this.lifecycle = lifecycle;
        this.out = out;
    }

    void get(Room room, Stanza iq) {
        Jid bare = iq.from().bare();
        AffiliationEntry e = room.affiliationEntry(bare);
        Element.Builder q = Element.builder("query", MucNs.REGISTER);
        if (e != null && e.nick() != null) {
            // §7.10: an already registered user is told so, with the nickname.
            q.child(Element.of("registered", MucNs.REGISTER)).child(Element.builder("username", MucNs.REGISTER).text(e.nick()).build());
        } else {
            refuseNonMembers(room, bare);
            q.child(Element.builder("instructions", MucNs.REGISTER).text("Reserve a nickname in this room.").build())
                    .child(Element.builder("x", MucNs.DATA).attribute("type", "form")
                            .child(Element.builder("field", MucNs.DATA).attribute("type", "hidden").attribute("var", "FORM_TYPE")
                                    .child(Element.builder("value", MucNs.DATA).text(MucNs.REGISTER_FORM).build()).build())
                            .child(Element.builder("field", MucNs.DATA).attribute("type", "text-single")
                                    .attribute("var", NICK_FIELD).attribute("label", "Nickname")
                                    .child(Element.of("required", MucNs.DATA)).build())
                            .build());
        }
        out.result(iq, q.build());
    }

    void set(Room room, Stanza iq) {
        Jid bare = iq.from().bare();
        Element q = iq.payload();
        AffiliationEntry current = room.affiliationEntry(bare);
        if (q.child("remove", MucNs.REGISTER) != null) {
            // §7.10 (after XEP-0077 §3.2): cancelling registration drops membership and the nickname.
            if (current != null && current.affiliation() == Affiliation.MEMBER) {
                room.affiliation(bare, null);
                lifecycle.saveAffiliation(room, bare);
            } else if (current != null) {
                room.affiliation(bare, current.withNick(null));
                lifecycle.saveAffiliation(room, bare);
            }
            out.result(iq, null);
            return;
        }
        refuseNonMembers(room, bare);
        Element x = q.child("x", MucNs.DATA);
        String nick = null;
        if (x != null) {
            for (Element f : x.elements("field", MucNs.DATA)) {
                if (NICK_FIELD.equals(f.attribute("var"))) {
                    nick = f.childText("value", MucNs.DATA);
                }
            }
        }
        if (nick == null || nick.isBlank()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "a nickname is required");
        }
        try {
            nick = Jid.normalizeResource(nick);
        } catch (RuntimeException e) {
            throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "not a valid nickname");
        }
        Jid owner = room.nickOwner(nick);
        Occupant holder = room.occupant(nick);
        if (owner != null && !owner.equals(bare) || holder != null && !holder.jid().bare().equals(bare)) {
            // §7.10: a nickname reserved or used by someone else conflicts.
            throw new StanzaErrorException(StanzaErrorCondition.CONFLICT, "this nickname is reserved by someone else");
        }
        Affiliation a = current == null || current.affiliation() == Affiliation.NONE ? Affiliation.MEMBER : current.affiliation();
        room.affiliation(bare, new AffiliationEntry(a, nick, current == null ? null : current.reason()));
        lifecycle.saveAffiliation(room, bare);
        out.result(iq, null);
    }

    private static void refuseNonMembers(Room room, Jid bare) {
        Affiliation a = room.affiliation(bare);
        if (a == Affiliation.OUTCAST) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "you are banned from this room");
        }
        if (room.config().membersOnly() && !a.isMember()) {
            throw new StanzaErrorException(StanzaErrorCondition.REGISTRATION_REQUIRED, "only members register with this room");
        }
    }
}
