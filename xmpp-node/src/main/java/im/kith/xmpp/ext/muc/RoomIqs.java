package im.kith.xmpp.ext.muc;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * IQ requests to a room (disco §6.4, admin §9–§10, owner §10, registration §7.10, archive XEP-0313,
 * moderation XEP-0425) and to an occupant JID (XEP-0410 self-ping). Runs on the room's queue.
 */
@ApplicationScoped
public class RoomIqs {
    private final AdminHandler admin;
    private final OwnerHandler owner;
    private final Registration registration;
    private final RoomMam mam;
    private final Moderation moderation;
    private final Outbox out;

    @Inject
    public RoomIqs(AdminHandler admin, OwnerHandler owner, Registration registration, RoomMam mam, Moderation moderation,
            Outbox out) {
        this.admin = admin;
        this.owner = owner;
        this.registration = registration;
        this.mam = mam;
        this.moderation = moderation;
        this.out = out;
    }

    void handle(RoomSlot slot, Room room, Stanza iq) throws SQLException {
        Element payload = iq.payload();
        if (payload == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "an IQ request needs a payload");
        }
        boolean get = "get".equals(iq.type());
        if (iq.to().resource() != null) {
            toOccupant(room, iq, payload);
            return;
        }
        switch (payload.namespace()) {
            case MucNs.DISCO_INFO -> requireGet(get, () -> out.result(iq, info(room)));
            case MucNs.DISCO_ITEMS -> requireGet(get, () -> out.result(iq, Element.of("query", MucNs.DISCO_ITEMS)));
            case MucNs.ADMIN -> {
                if (get) {
                    admin.get(room, iq);
                } else {
                    admin.set(room, iq);
                }
            }
            case MucNs.OWNER -> {
                if (get) {
                    owner.get(room, iq);
                } else {
                    owner.set(slot, room, iq);
                }
            }
            case MucNs.REGISTER -> {
                if (get) {
                    registration.get(room, iq);
                } else {
                    registration.set(room, iq);
                }
            }
            case MucNs.MAM -> {
                if (get || !payload.name().equals("query")) {
                    throw new StanzaErrorException(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, "only archive queries are supported");
                }
                mam.query(room, iq);
            }
            case MucNs.MODERATE -> {
                if (get) {
                    throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "moderation is a set request");
                }
                moderation.moderate(room, iq);
            }
            case MucNs.PING -> out.result(iq, null);
            default -> throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE, "not supported by rooms");
        }
    }

    /** XEP-0410 §3: a joined client's ping to its own occupant JID is answered by the room; other requests are forwarded. */
    private void toOccupant(Room room, Stanza iq, Element payload) {
        Occupant sender = room.occupantByJid(iq.from());
        if (sender == null) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "you are not joined to this room");
        }
        if (payload.is("ping", MucNs.PING) && !sender.nick().equals(iq.to().resource())) {
            // XEP-0410 §3: a self-ping is answered only for the sender's own occupant JID.
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "you are not joined under this nickname");
        }
        if (payload.is("ping", MucNs.PING)) {
            out.result(iq, null);
        } else {
            // Other requests to an occupant JID go on to the occupant, from the requester's occupant JID.
            out.send(room.iqForwarding().forward(room, sender, iq));
        }
    }

    private static void requireGet(boolean get, Runnable action) {
        if (!get) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "disco requests are of type get");
        }
        action.run();
    }

    /** §6.4: identity, the features that describe the room, and the muc#roominfo form. */
    private static Element info(Room room) {
        RoomConfig c = room.config();
        Element.Builder q = Element.builder("query", MucNs.DISCO_INFO)
                .child(Element.builder("identity", MucNs.DISCO_INFO).attribute("category", "conference")
                        .attribute("type", "text").attribute("name", c.name() == null ? room.localpart() : c.name()).build());
        for (String f : new String[] {MucNs.MUC, c.persistent() ? "muc_persistent" : "muc_temporary",
                c.publicRoom() ? "muc_public" : "muc_hidden", c.membersOnly() ? "muc_membersonly" : "muc_open",
                c.moderated() ? "muc_moderated" : "muc_unmoderated",
                c.passwordProtected() ? "muc_passwordprotected" : "muc_unsecured",
                c.nonAnonymous() ? "muc_nonanonymous" : "muc_semianonymous", MucNs.REGISTER, MucNs.SELF_PING,
                MucNs.OCCUPANT_ID, MucNs.SID, MucNs.MODERATE, MucNs.DISCO_INFO}) {
            q.child(Element.builder("feature", MucNs.DISCO_INFO).attribute("var", f).build());
        }
        if (c.archiving()) {
            q.child(Element.builder("feature", MucNs.DISCO_INFO).attribute("var", MucNs.MAM).build());
        }
        q.child(Element.builder("x", MucNs.DATA).attribute("type", "result")
                .child(value("hidden", "FORM_TYPE", MucNs.ROOMINFO))
                .child(value("text-single", "muc#roominfo_description", c.description()))
                .child(value("text-single", "muc#roominfo_occupants", Integer.toString(room.occupantCount())))
                .child(value("text-single", "muc#roominfo_subject", room.subject()))
                .build());
        return q.build();
    }

    private static Element value(String type, String var, String v) {
        return Element.builder("field", MucNs.DATA).attribute("type", type).attribute("var", var)
                .child(v == null ? null : Element.builder("value", MucNs.DATA).text(v).build()).build();
    }
}
