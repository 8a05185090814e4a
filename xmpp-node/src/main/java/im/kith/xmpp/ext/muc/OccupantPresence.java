package im.kith.xmpp.ext.muc;

import java.util.ArrayList;
import java.util.List;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * Builds the presence a room sends about one occupant to one recipient (XEP-0045 §7.2.3–§7.2.4): the
 * occupant's own presence with the room's {@code muc#user} item (real JID only for those allowed to see
 * it, §4.1), status codes, and its XEP-0421 occupant-id (§4: on every presence).
 */
final class OccupantPresence {
    private final Room room;
    private final Occupant subject;
    private String type;
    private MucRole role;
    private Affiliation affiliation;
    private String newNick;
    private final List<Integer> codes = new ArrayList<>();
    private final List<Integer> selfCodes = new ArrayList<>();
    private final List<Element> itemChildren = new ArrayList<>();
    private Element extra;
    private Element base;

    private OccupantPresence(Room room, Occupant subject) {
        this.room = room;
        this.subject = subject;
        this.role = subject.role();
        this.affiliation = room.affiliation(subject.jid());
        this.base = subject.presence() == null ? Element.of("presence", Ns.CLIENT) : subject.presence();
    }

    static OccupantPresence of(Room room, Occupant subject) {
        return new OccupantPresence(room, subject);
    }

    /** An unavailable presence: the occupant left or was removed (role none, §7.2.8 / §9.1). */
    OccupantPresence unavailable() {
        this.type = "unavailable";
        this.role = MucRole.NONE;
        this.base = Element.of("presence", Ns.CLIENT);
        return this;
    }

    /** The occupant's own stanza to carry (e.g. its unavailable presence with a status text). */
    OccupantPresence base(Element presence) {
        this.base = presence;
        return this;
    }

    OccupantPresence affiliation(Affiliation a) {
        this.affiliation = a;
        return this;
    }

    OccupantPresence role(MucRole r) {
        this.role = r;
        return this;
    }

    /** §7.6: the new nickname in the unavailable presence of a nick change (with 303). */
    OccupantPresence newNick(String nick) {
        this.newNick = nick;
        return this;
    }

    OccupantPresence code(int code) {
        codes.add(code);
        return this;
    }

    /** A status code for the occupant's own copy only (§7.2.3: 100, 170, 201 are told to the one entering). */
    OccupantPresence selfCode(int code) {
        selfCodes.add(code);
        return this;
    }

    /** An {@code <actor/>} or {@code <reason/>} for the item (§9.1.2). */
    OccupantPresence itemChild(Element child) {
        if (child != null) {
            itemChildren.add(child);
        }
        return this;
    }

    /** An extra child of the {@code muc#user} element, e.g. {@code <destroy/>} (§10.9). */
    OccupantPresence extra(Element e) {
        this.extra = e;
        return this;
    }

    /** The presence for one recipient occupant; 110 is added when it is the occupant itself. */
    Stanza to(Occupant viewer) {
        boolean self = viewer.jid().equals(subject.jid());
        Element.Builder item = Element.builder("item", MucNs.USER)
                .attribute("affiliation", affiliation.value())
                .attribute("role", role.value())
                .attribute("jid", self || room.seesRealJids(viewer) ? subject.jid().toString() : null)
                .attribute("nick", newNick)
                .children(itemChildren);
        Element.Builder x = Element.builder("x", MucNs.USER).child(item.build()).child(extra);
        List<Integer> all = new ArrayList<>(codes);
        if (self) {
            // §7.2.3: the occupant's own presence carries 110.
            all.add(110);
            all.addAll(selfCodes);
        }
        all.stream().distinct().sorted()
                .forEach(c -> x.child(Element.builder("status", MucNs.USER).attribute("code", c).build()));
        Jid from = room.jid().withResource(subject.nick());
        Element p = base.withoutChildren(e -> e.namespace().equals(MucNs.USER) || e.namespace().equals(MucNs.MUC)
                        || e.is("occupant-id", MucNs.OCCUPANT_ID))
                .withAttribute("id", null)
                .withAttribute("type", type)
                .withAttribute("from", from.toString())
                .withAttribute("to", viewer.jid().toString())
                .withChild(x.build())
                .withChild(OccupantIds.element(room.secret(), subject.jid()));
        return new Stanza(StanzaKind.PRESENCE, p, from, viewer.jid());
    }

    /** Sends this presence to every occupant of the room. */
    void broadcast(Outbox out) {
        for (Occupant viewer : room.occupants()) {
            out.send(to(viewer));
        }
    }

    static Element reason(String text) {
        return text == null ? null : Element.builder("reason", MucNs.USER).text(text).build();
    }

    static Element actor(String nick) {
        return nick == null ? null : Element.builder("actor", MucNs.USER).attribute("nick", nick).build();
    }
}
