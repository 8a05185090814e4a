package im.kith.xmpp.ext.muc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaKind;

/**
 * IQ requests between occupants (e.g. XEP-0054 vCard look-ups on occupant JIDs): the room forwards a
 * request to the target occupant's real JID under an id of its own, from the requester's occupant JID,
 * and routes the answer back, so neither side learns the other's real JID. Part of a room's state,
 * confined to its queue; the oldest pending requests are forgotten beyond a bound.
 */
final class IqForwarding {
    private static final int MAX_PENDING = 256;

    /** A forwarded request: who asked, under which id, and which occupant was asked. */
    private record Pending(Jid requester, String id, Jid target, String targetNick) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    /** The request as forwarded to the target occupant. */
    Stanza forward(Room room, Occupant sender, Stanza iq) {
        Occupant target = room.occupant(iq.to().resource());
        if (target == null) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such occupant");
        }
        String id = UUID.randomUUID().toString();
        pending.put(id, new Pending(iq.from(), iq.id(), target.jid(), target.nick()));
        Jid from = room.jid().withResource(sender.nick());
        return new Stanza(StanzaKind.IQ, iq.element().withAttribute("id", id).withAttribute("from", from.toString())
                .withAttribute("to", target.jid().toString()), from, target.jid());
    }

    /** The answer for the original requester, or null when the response answers nothing forwarded. */
    Stanza answer(Room room, Stanza response) {
        Pending p = pending.get(response.id());
        if (p == null || !p.target().equals(response.from())) {
            return null;
        }
        pending.remove(response.id());
        Jid from = room.jid().withResource(p.targetNick());
        return new Stanza(StanzaKind.IQ, response.element().withAttribute("id", p.id()).withAttribute("from", from.toString())
                .withAttribute("to", p.requester().toString()), from, p.requester());
    }
}
