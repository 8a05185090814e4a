package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaErrorType;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * Answers archive queries (XEP-0313 §4), the query form (§4.1.5) and archive metadata (§5). Results
 * go to the requesting resource as messages, then the IQ result with {@code <fin/>} (§4.2: after the
 * last result).
 */
@ApplicationScoped
public class MamQueries {
    static final String FORWARD = "urn:xmpp:forward:0";

    private final ArchiveStore store;
    private final ArchiveWriter writer;
    private final Blocking blocking;
    private final MamConfig config;

    @Inject
    public MamQueries(ArchiveStore store, ArchiveWriter writer, Blocking blocking, MamConfig config) {
        this.store = store;
        this.writer = writer;
        this.blocking = blocking;
        this.config = config;
    }

    /** One page of results. */
    record Page(List<ArchivedMessage> messages, boolean complete, long count) {
    }

    CompletionStage<Element> query(IqRequest req) {
        LocalSession session = MamFeature.ownerSession(req);
        MamQuery q = QueryParser.parse(req.iq().payload());
        String owner = req.target().local();
        int max = Math.min(q.max() == null ? config.defaultPage() : q.max(), config.maxPage());
        // Read our own writes: rows queued before the query are committed before it runs.
        return caughtUp()
                .thenCompose(v -> blocking.supply(() -> page(owner, q, max)))
                .thenApplyAsync(page -> send(session, req.target(), q, page), session.executor());
    }

    /**
     * The rows queued so far are written. If they cannot be within {@link MamConfig#flushTimeout()}
     * (the database is unavailable), the request fails with internal-server-error of type wait
     * (RFC 6120 §8.3.3.8; §8.3.2: a temporary error, retry later) rather than answering from an archive
     * that lacks them.
     */
    private CompletionStage<Void> caughtUp() {
        return writer.flushed().exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                new StanzaErrorException(new StanzaError(StanzaErrorType.WAIT, StanzaErrorCondition.INTERNAL_SERVER_ERROR,
                        "the archive cannot be brought up to date now; try again later", null))));
    }

    private Page page(String owner, MamQuery q, int max) throws SQLException {
        // §4.1.3: every id named in before-id, after-id or ids must be in the archive.
        Criteria base = new Criteria(q.with(), q.start(), q.end(), null, null, q.ids())
                .withBounds(position(owner, q.afterId()), position(owner, q.beforeId()));
        if (q.ids() != null && store.countIds(owner, q.ids()) != q.ids().size()) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "an id in 'ids' is not in the archive");
        }
        // §4.3.2: an RSM after/before id that is not in the archive is item-not-found.
        Criteria paged = base.withBounds(position(owner, q.rsmAfter()),
                q.rsmBefore() == null || q.rsmBefore().isEmpty() ? null : position(owner, q.rsmBefore()));
        long count = store.count(owner, base);
        if (max == 0) {
            // XEP-0059 §2.7: max 0 asks for the count only.
            return new Page(List.of(), count == 0, count);
        }
        List<ArchivedMessage> rows = new ArrayList<>(store.select(owner, paged, q.fromEnd(), max + 1));
        boolean more = rows.size() > max;
        if (more) {
            // One row beyond the page tells that the selection goes on in the paging direction.
            rows.remove(q.fromEnd() ? 0 : rows.size() - 1);
        }
        return new Page(rows, !more, count);
    }

    private Position position(String owner, String id) throws SQLException {
        if (id == null) {
            return null;
        }
        return store.position(owner, id).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no message with id " + id + " in the archive"));
    }

    private Element send(LocalSession session, Jid archive, MamQuery q, Page page) {
        List<ArchivedMessage> order = q.flip() ? page.messages().reversed() : page.messages();
        for (ArchivedMessage m : order) {
            session.deliver(result(archive, session.jid(), q.queryId(), m));
        }
        Element.Builder set = Element.builder("set", QueryParser.RSM);
        if (!page.messages().isEmpty()) {
            set.textChild("first", page.messages().getFirst().id());
            set.textChild("last", page.messages().getLast().id());
        }
        set.textChild("count", Long.toString(page.count()));
        // §4.3.2: complete='true' when no further paging is needed in this direction.
        return Element.builder("fin", MamFeature.NS).attribute("queryid", q.queryId())
                .attribute("complete", Boolean.toString(page.complete())).child(set.build()).build();
    }

    /** §4.2: the archived message forwarded (XEP-0297) with its original receipt time (XEP-0203). */
    private static Stanza result(Jid archive, Jid to, String queryId, ArchivedMessage m) {
        Element forwarded = Element.builder("forwarded", FORWARD)
                .child(Element.builder("delay", Ns.DELAY).attribute("stamp", m.at().toString()).build())
                .child(m.message())
                .build();
        Element message = Element.builder("message", Ns.CLIENT)
                .attribute("from", archive.toString()).attribute("to", to.toString())
                .attribute("id", UUID.randomUUID().toString())
                .child(Element.builder("result", MamFeature.NS).attribute("queryid", queryId).attribute("id", m.id())
                        .child(forwarded).build())
                .build();
        return new Stanza(StanzaKind.MESSAGE, message, archive, to);
    }

    /** §4.1.5: the fields this archive understands. */
    CompletionStage<Element> form(IqRequest req) {
        MamFeature.ownerSession(req);
        Element.Builder x = Element.builder("x", QueryParser.DATA).attribute("type", "form")
                .child(Element.builder("field", QueryParser.DATA).attribute("type", "hidden").attribute("var", "FORM_TYPE")
                        .textChild("value", MamFeature.NS).build())
                .child(field("jid-single", "with"))
                .child(field("text-single", "start"))
                .child(field("text-single", "end"))
                .child(field("text-single", "before-id"))
                .child(field("text-single", "after-id"))
                .child(Element.builder("field", QueryParser.DATA).attribute("type", "list-multi").attribute("var", "ids")
                        // §4.1.5: the open list of ids is signalled with a XEP-0122 <validate/>.
                        .child(Element.builder("validate", "http://jabber.org/protocol/xdata-validate")
                                .attribute("datatype", "xs:string")
                                .child(Element.of("open", "http://jabber.org/protocol/xdata-validate")).build())
                        .build());
        return CompletableFuture.completedFuture(Element.builder("query", MamFeature.NS).child(x.build()).build());
    }

    private static Element field(String type, String var) {
        return Element.builder("field", QueryParser.DATA).attribute("type", type).attribute("var", var).build();
    }

    /** §5: ids and times of the first and last messages; an empty element for an empty archive. */
    CompletionStage<Element> metadata(IqRequest req) {
        LocalSession session = MamFeature.ownerSession(req);
        return metadata(req.target().local()).thenApplyAsync(e -> e, session.executor());
    }

    /** §5 metadata of one archive, after pending writes; off the event loop. */
    CompletionStage<Element> metadata(String owner) {
        return caughtUp().thenCompose(v -> blocking.supply(() -> {
            Element.Builder b = Element.builder("metadata", MamFeature.NS);
            store.edge(owner, false).ifPresent(m -> b.child(edge("start", m)));
            store.edge(owner, true).ifPresent(m -> b.child(edge("end", m)));
            return b.build();
        }));
    }

    private static Element edge(String name, ArchivedMessage m) {
        return Element.builder(name, MamFeature.NS).attribute("id", m.id()).attribute("timestamp", m.at().toString()).build();
    }
}
