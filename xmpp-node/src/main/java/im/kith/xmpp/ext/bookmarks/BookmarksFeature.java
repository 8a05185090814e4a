package im.kith.xmpp.ext.bookmarks;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.ext.pep.PepConfig;
import im.kith.xmpp.ext.pep.StoredXml;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0049 private XML storage, with {@code storage:bookmarks} (XEP-0048) mapped onto the XEP-0402
 * bookmarks node (XEP-0402 §5.3).
 */
@ApplicationScoped
public class BookmarksFeature implements XmppFeature {
    static final String PRIVATE_NS = "jabber:iq:private";
    static final String COMPAT = BookmarkXml.NS + "#compat";
    /** XEP-0049 §3: namespaces no one may store. */
    private static final Set<String> RESERVED = Set.of(Ns.CLIENT, Ns.SERVER, PRIVATE_NS);

    private final BookmarkService bookmarks;
    private final PrivateStore store;
    private final StoredXml xml;
    private final Blocking blocking;
    private final PepConfig config;
    private final Clock clock;

    public BookmarksFeature(BookmarkService bookmarks, PrivateStore store, StoredXml xml, Blocking blocking,
            PepConfig config, Clock clock) {
        this.bookmarks = bookmarks;
        this.store = store;
        this.xml = xml;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bookmarks";
    }

    @Override
    public void register(FeatureContext ctx) {
        // XEP-0402 §5.3: the account advertises that XEP-0048 private storage is kept in sync.
        ctx.discoFeature(DiscoTarget.ACCOUNT, COMPAT);
        ctx.discoFeature(DiscoTarget.ACCOUNT, PRIVATE_NS);
        ctx.iq(IqRoute.accountGet(PRIVATE_NS), this::get);
        ctx.iq(IqRoute.accountSet(PRIVATE_NS), this::set);
    }

    /** XEP-0049 §2.3: the stored element, or the requested empty element when there is none. */
    private CompletionStage<Element> get(IqRequest req) {
        Element requested = requested(req);
        if (requested.is("storage", BookmarkXml.LEGACY_NS)) {
            return bookmarks.conferences(req.target()).thenApply(c -> query(BookmarkXml.storage(c)));
        }
        String owner = req.target().local();
        return blocking.supply(() -> query(store.find(owner, requested.namespace()).map(xml::read).orElse(requested)));
    }

    /** XEP-0049 §2.2: stores the element, replacing what was stored for its namespace. */
    private CompletionStage<Element> set(IqRequest req) {
        Element given = requested(req);
        if (given.is("storage", BookmarkXml.LEGACY_NS)) {
            return bookmarks.replaceAll(req.target(), BookmarkXml.fromStorage(given)).thenApply(v -> null);
        }
        String text = StoredXml.write(given);
        int bytes = StoredXml.bytes(text);
        if (bytes > config.maxItemBytes()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "element of " + bytes + " bytes exceeds the limit of " + config.maxItemBytes());
        }
        String owner = req.target().local();
        return blocking.supply(() -> {
            store.save(owner, given.namespace(), text, bytes, config.storageLimit(), clock.instant());
            return null;
        });
    }

    /**
     * XEP-0049 §2.1: only the owner reaches its storage (forbidden otherwise); the query holds exactly one
     * element of a namespace that is not reserved (not-acceptable, §3; bad-request for none or several).
     */
    private static Element requested(IqRequest req) {
        if (!req.fromOwner()) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "private storage is the owner's only");
        }
        List<Element> children = req.iq().payload().elements();
        if (!req.iq().payload().name().equals("query") || children.size() != 1) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the query holds exactly one element");
        }
        Element e = children.get(0);
        if (e.namespace().isEmpty() || RESERVED.contains(e.namespace())) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "namespace " + e.namespace() + " is reserved");
        }
        return e;
    }

    private static Element query(Element child) {
        return Element.builder("query", PRIVATE_NS).child(child).build();
    }
}
