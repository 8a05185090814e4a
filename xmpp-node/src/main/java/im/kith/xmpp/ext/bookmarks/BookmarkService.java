package im.kith.xmpp.ext.bookmarks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.ext.pep.PepService;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;

/**
 * A user's room bookmarks, kept in the XEP-0402 node and changed with notifications to the user's
 * resources. Other modules (e.g. circles of the invite service) call {@link #addConference} and
 * {@link #removeConference}.
 */
@ApplicationScoped
public class BookmarkService {
    /** XEP-0402 §3: the node's configuration. */
    static final Map<String, String> NODE_OPTIONS = Map.of("pubsub#persist_items", "true",
            "pubsub#max_items", "max", "pubsub#send_last_published_item", "never", "pubsub#access_model", "whitelist");

    private final PepService pep;
    private final String domain;

    public BookmarkService(PepService pep, NodeConfig config) {
        this.pep = pep;
        this.domain = Jid.domain(config.domain()).domain();
    }

    /** Adds or replaces a room bookmark of a local user (autojoin: clients join it at login). */
    public CompletionStage<Void> addConference(String localpart, Jid room, String name, boolean autojoin) {
        return put(account(localpart), new Conference(room.bare(), name, autojoin, null, null, null));
    }

    /** Removes a room bookmark of a local user; no bookmark is no error. */
    public CompletionStage<Void> removeConference(String localpart, Jid room) {
        Jid owner = account(localpart);
        return pep.retract(owner, owner, BookmarkXml.NS, room.bare().toString(), true)
                .exceptionally(e -> {
                    if (isItemNotFound(e)) {
                        return null;
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                });
    }

    /** The user's room bookmarks, oldest first. */
    public CompletionStage<List<Conference>> conferences(Jid owner) {
        return pep.items(owner, owner, BookmarkXml.NS, List.of(), 0).handle((items, e) -> {
            if (e != null) {
                if (isItemNotFound(e)) {
                    return List.<Conference>of();
                }
                throw e instanceof CompletionException ce ? ce : new CompletionException(e);
            }
            List<Conference> out = new ArrayList<>();
            for (PepService.Item i : items) {
                Conference c = BookmarkXml.fromItem(i.id(), i.payload());
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        });
    }

    /**
     * XEP-0402 §5.3: a XEP-0048 write replaces the set of bookmarks: each given room is published (keeping
     * XEP-0402 extensions of rooms already bookmarked), each other room retracted, with notifications.
     */
    CompletionStage<Void> replaceAll(Jid owner, List<Conference> wanted) {
        return conferences(owner).thenCompose(current -> {
            Set<Jid> keep = new HashSet<>();
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (Conference c : wanted) {
                keep.add(c.room());
                Conference merged = current.stream().filter(o -> o.room().equals(c.room())).findFirst()
                        .map(o -> new Conference(c.room(), c.name(), c.autojoin(), c.nick(), c.password(), o.extensions()))
                        .orElse(c);
                if (!current.contains(merged)) {
                    chain = chain.thenCompose(v -> put(owner, merged));
                }
            }
            for (Conference old : current) {
                if (!keep.contains(old.room())) {
                    chain = chain.thenCompose(v -> pep.retract(owner, owner, BookmarkXml.NS, old.room().toString(), true));
                }
            }
            return chain;
        });
    }

    private CompletionStage<Void> put(Jid owner, Conference c) {
        return pep.publishForOwner(owner, BookmarkXml.NS, c.room().toString(), BookmarkXml.conference(c), NODE_OPTIONS)
                .thenApply(id -> null);
    }

    private Jid account(String localpart) {
        return Jid.of(localpart, domain, null);
    }

    private static boolean isItemNotFound(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof StanzaErrorException s && s.error().condition() == StanzaErrorCondition.ITEM_NOT_FOUND;
    }
}
