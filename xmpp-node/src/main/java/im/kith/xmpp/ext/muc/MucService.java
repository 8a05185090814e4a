package im.kith.xmpp.ext.muc;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * Receives every stanza for the MUC domain: the service's own disco (XEP-0045 §6.1–§6.3) is answered
 * here; stanzas for a room or occupant are queued on that room. Nothing here blocks the caller's event loop.
 */
@ApplicationScoped
public class MucService {
    private static final Logger LOG = Logger.getLogger(MucService.class);

    private final RoomRegistry registry;
    private final PresenceHandler presence;
    private final MessageHandler messages;
    private final RoomIqs iqs;
    private final RoomStore store;
    private final JoinedIndex index;
    private final Blocking blocking;
    private final Outbox out;
    private final MucDomain domain;

    @Inject
    public MucService(RoomRegistry registry, PresenceHandler presence, MessageHandler messages, RoomIqs iqs,
            RoomStore store, JoinedIndex index, Blocking blocking, Outbox out, MucDomain domain) {
        this.registry = registry;
        this.presence = presence;
        this.messages = messages;
        this.iqs = iqs;
        this.store = store;
        this.index = index;
        this.blocking = blocking;
        this.out = out;
        this.domain = domain;
    }

    /** The component handler: the sender's event loop, or the thread of a remote stream. */
    void receive(Stanza stanza, LocalSession session) {
        Jid to = stanza.to();
        if (stanza.from() == null) {
            return;
        }
        if (to.local() == null) {
            if (stanza.isIqRequest()) {
                service(stanza);
            } else if (stanza.isMessage() && !stanza.isError()) {
                out.error(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE, null);
            }
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s type=%s from %s to %s", stanza.kind(), stanza.type(), stanza.from(), to);
        }
        registry.submit(to.local(), slot -> inRoom(slot, stanza));
    }

    private void inRoom(RoomSlot slot, Stanza stanza) {
        try {
            if (stanza.isPresence()) {
                presence.handle(slot, stanza);
                return;
            }
            Room room = slot.room();
            if (stanza.isIq() && !stanza.isIqRequest()) {
                // Answers to requests the room forwarded between occupants; anything else is dropped.
                Stanza answer = room == null ? null : room.iqForwarding().answer(room, stanza);
                if (answer != null) {
                    out.send(answer);
                }
                return;
            }
            if (room == null || room.locked() && room.affiliation(stanza.from()) != Affiliation.OWNER) {
                // §10.1.1: a missing or still locked room does not exist for others.
                throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such room");
            }
            if (stanza.isMessage()) {
                messages.handle(room, stanza);
            } else {
                iqs.handle(slot, room, stanza);
            }
        } catch (StanzaErrorException e) {
            out.error(stanza, e.error());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "room %s failed on a %s", slot.localpart(), stanza.kind());
            out.error(stanza, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null);
        }
    }

    /** IQs to the service itself: disco#info (§6.1), disco#items with public rooms (§6.3), ping. */
    private void service(Stanza iq) {
        Element p = iq.payload();
        String ns = p == null ? "" : p.namespace();
        switch (ns) {
            case MucNs.DISCO_INFO -> out.result(iq, Element.builder("query", MucNs.DISCO_INFO)
                    .child(Element.builder("identity", MucNs.DISCO_INFO).attribute("category", "conference")
                            .attribute("type", "text").attribute("name", "Groups").build())
                    .child(feature(MucNs.MUC)).child(feature(MucNs.DISCO_INFO)).child(feature(MucNs.DISCO_ITEMS))
                    .child(feature("muc_persistent")).child(feature("muc_temporary")).child(feature("muc_public"))
                    .child(feature("muc_hidden")).child(feature("muc_membersonly")).child(feature("muc_open"))
                    .child(feature("muc_moderated")).child(feature("muc_unmoderated"))
                    .child(feature("muc_passwordprotected")).child(feature("muc_unsecured"))
                    .child(feature("muc_nonanonymous")).child(feature("muc_semianonymous"))
                    .child(feature(MucNs.REGISTER)).child(feature(MucNs.SELF_PING)).child(feature(MucNs.OCCUPANT_ID))
                    .child(feature(MucNs.SID)).child(feature(MucNs.MAM)).child(feature(MucNs.MODERATE))
                    .child(feature(MucNs.PING))
                    .build());
            case MucNs.DISCO_ITEMS -> blocking.supply(store::publicRooms).whenComplete((rooms, failure) -> {
                if (failure != null) {
                    LOG.error("listing rooms failed", failure);
                    out.error(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null);
                    return;
                }
                Element.Builder q = Element.builder("query", MucNs.DISCO_ITEMS);
                for (RoomStore.Listed r : rooms) {
                    q.child(Element.builder("item", MucNs.DISCO_ITEMS).attribute("jid", domain.room(r.localpart()))
                            .attribute("name", r.name() == null ? r.localpart() : r.name()).build());
                }
                out.result(iq, q.build());
            });
            case MucNs.PING -> out.result(iq, null);
            default -> out.error(iq, StanzaErrorCondition.SERVICE_UNAVAILABLE, null);
        }
    }

    private static Element feature(String var) {
        return Element.builder("feature", MucNs.DISCO_INFO).attribute("var", var).build();
    }

    /** A client session ended: it leaves the rooms it had joined, in case no unavailable presence came. */
    void sessionClosed(LocalSession session) {
        Jid jid = session.jid();
        if (jid == null) {
            return;
        }
        for (String room : index.drain(jid)) {
            registry.submit(room, slot -> {
                Room r = slot.room();
                Occupant o = r == null ? null : r.occupantByJid(jid);
                if (o != null) {
                    presence.leave(r, o, null);
                }
            });
        }
    }
}
