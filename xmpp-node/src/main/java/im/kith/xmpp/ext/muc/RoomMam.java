package im.kith.xmpp.ext.muc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.ext.mam.MamQuery;
import im.kith.xmpp.ext.mam.QueryParser;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0313 queries on a room's JID (§7 "MUC archives"): the query form is the account archive's
 * (parsed by {@link QueryParser}); 'with' names an occupant JID (room/nick). Paged with XEP-0059 by
 * stanza-id. Runs on the room's queue.
 */
@ApplicationScoped
public class RoomMam {
    private final RoomArchive archive;
    private final Outbox out;
    private final MucConfig config;

    @Inject
    public RoomMam(RoomArchive archive, Outbox out, MucConfig config) {
        this.archive = archive;
        this.out = out;
        this.config = config;
    }

    /** Answers an archive query: result messages, then the IQ result with {@code <fin/>} (§4.2). */
    void query(Room room, Stanza iq) throws SQLException {
        // §8 (MUC archives): members-only rooms open their archive to members; open rooms to anyone not banned.
        Affiliation a = room.affiliation(iq.from());
        if (a == Affiliation.OUTCAST || room.config().membersOnly() && !a.isMember()) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "the archive of this room is for its members");
        }
        MamQuery q = QueryParser.parse(iq.payload());
        if (q.ids() != null) {
            throw new StanzaErrorException(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, "'ids' is not supported on room archives");
        }
        String nick = null;
        if (q.with() != null) {
            Jid w = q.with();
            if (!w.bare().equals(room.jid()) || w.resource() == null) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "'with' must be an occupant JID of this room");
            }
            nick = w.resource();
        }
        RoomArchive.Bounds base = new RoomArchive.Bounds(q.start(), q.end(), position(room, q.afterId()),
                position(room, q.beforeId()), nick);
        boolean fromEnd = q.rsmBefore() != null;
        RoomArchive.Bounds paged = new RoomArchive.Bounds(q.start(), q.end(),
                later(base.after(), position(room, q.rsmAfter())),
                earlier(base.before(), q.rsmBefore() == null || q.rsmBefore().isEmpty() ? null : position(room, q.rsmBefore())),
                nick);
        int max = Math.min(q.max() == null ? config.defaultPage() : q.max(), config.maxPage());
        long count = archive.count(room.localpart(), base);
        List<RoomMessage> rows = max == 0 ? List.of() : new ArrayList<>(archive.select(room.localpart(), paged, fromEnd, max + 1));
        boolean more = rows.size() > max;
        if (more) {
            rows.remove(fromEnd ? 0 : rows.size() - 1);
        }
        List<RoomMessage> order = q.flip() ? rows.reversed() : rows;
        for (RoomMessage m : order) {
            out.send(result(room, iq.from(), q.queryId(), m));
        }
        Element.Builder set = Element.builder("set", QueryParser.RSM);
        if (!rows.isEmpty()) {
            set.textChild("first", rows.getFirst().id());
            set.textChild("last", rows.getLast().id());
        }
        set.textChild("count", Long.toString(count));
        out.result(iq, Element.builder("fin", MucNs.MAM).attribute("queryid", q.queryId())
                .attribute("complete", Boolean.toString(max == 0 ? count == 0 : !more)).child(set.build()).build());
    }

    private RoomMessage position(Room room, String id) throws SQLException {
        if (id == null) {
            return null;
        }
        // §4.3.2: an id not in the archive is item-not-found.
        return archive.find(room.localpart(), id).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no message with id " + id + " in this archive"));
    }

    private static RoomMessage later(RoomMessage a, RoomMessage b) {
        return a == null ? b : b == null ? a : compare(a, b) >= 0 ? a : b;
    }

    private static RoomMessage earlier(RoomMessage a, RoomMessage b) {
        return a == null ? b : b == null ? a : compare(a, b) <= 0 ? a : b;
    }

    private static int compare(RoomMessage a, RoomMessage b) {
        int c = a.at().compareTo(b.at());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    }

    /** §4.2: the archived groupchat message forwarded with its delay, from the room. */
    private static Stanza result(Room room, Jid to, String queryId, RoomMessage m) {
        Element forwarded = Element.builder("forwarded", MucNs.FORWARD)
                .child(Element.builder("delay", Ns.DELAY).attribute("stamp", m.at().toString()).build())
                .child(m.message())
                .build();
        Element message = Element.builder("message", Ns.CLIENT)
                .attribute("from", room.jid().toString()).attribute("to", to.toString())
                .attribute("id", UUID.randomUUID().toString())
                .child(Element.builder("result", MucNs.MAM).attribute("queryid", queryId).attribute("id", m.id())
                        .child(forwarded).build())
                .build();
        return new Stanza(StanzaKind.MESSAGE, message, room.jid(), to);
    }
}
