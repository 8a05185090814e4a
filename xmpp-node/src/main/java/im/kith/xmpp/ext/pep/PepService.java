package im.kith.xmpp.ext.pep;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.im.roster.RosterStore;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * The PEP service of every account: the operations of XEP-0060 on an account's nodes with their
 * access rules, storage bounds and notifications. Other features (bookmarks) use it too. Every method
 * runs its database work on a virtual thread and completes there.
 */
@ApplicationScoped
public class PepService {
    private static final Logger LOG = Logger.getLogger(PepService.class);
    private static final int MAX_NAME_LENGTH = 1024;

    private final PepStore store;
    private final StoredXml xml;
    private final Notifications notifications;
    private final RosterStore roster;
    private final Blocking blocking;
    private final PepConfig config;
    private final NodeRules rules;
    private final Clock clock;

    public PepService(PepStore store, StoredXml xml, Notifications notifications,
            RosterStore roster, Blocking blocking, PepConfig config, NodeRules rules, Clock clock) {
        this.store = store;
        this.xml = xml;
        this.notifications = notifications;
        this.roster = roster;
        this.blocking = blocking;
        this.config = config;
        this.rules = rules;
        this.clock = clock;
    }

    /** An item as read: id, payload and when it was published. */
    public record Item(String id, Element payload, StoredItem stored) {
    }

    /**
     * Publishes an item (XEP-0060 §7.1), creating the node on first publish (XEP-0163 §7.1, with the
     * publish-options as its configuration, XEP-0223 §3) and notifying. Completes with the item id. A
     * node with a {@link NodeRule} takes only its payload type and starts from the rule's configuration.
     *
     * @param publisher the publishing full JID; must be of the owner (XEP-0060 §7.1.3.1)
     * @param itemId    null to have one generated (XEP-0060 §7.1.1)
     * @param options   publish-options fields, empty for none
     */
    public CompletionStage<String> publish(Jid owner, Jid publisher, String node, String itemId, Element payload,
            Map<String, String> options) {
        return publish(owner, publisher, node, itemId, payload, options, true);
    }

    /**
     * Publishes on the owner's behalf from another feature (e.g. XEP-0402 compatibility): the options
     * configure a node created now, but an existing node keeps its configuration without a precondition
     * check.
     */
    public CompletionStage<String> publishForOwner(Jid owner, String node, String itemId, Element payload,
            Map<String, String> creationOptions) {
        return publish(owner, owner, node, itemId, payload, creationOptions, false);
    }

    private CompletionStage<String> publish(Jid owner, Jid publisher, String node, String itemId, Element payload,
            Map<String, String> options, boolean preconditions) {
        ownerOnly(owner, publisher);
        checkName(node, "node");
        NodeRule rule = rules.of(node);
        if (rule != null && !payload.is(rule.payloadName(), rule.payloadNamespace())) {
            // XEP-0060 §7.1.3.6: a payload that is not of the node's type is bad-request with <invalid-payload/>.
            throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.BAD_REQUEST,
                    "items of " + node + " carry <" + rule.payloadName() + " xmlns='" + rule.payloadNamespace() + "'/>")
                    .withApplicationCondition(Element.of("invalid-payload", PepNs.ERRORS)));
        }
        NodeSettings base = rule == null ? NodeSettings.defaults() : rule.defaults();
        String id = itemId == null ? UUID.randomUUID().toString() : checkName(itemId, "item id");
        String text = StoredXml.write(payload);
        int bytes = StoredXml.bytes(text);
        if (bytes > config.maxItemBytes()) {
            // XEP-0060 §7.1.3.5: a payload over the service's limit is not-acceptable with <payload-too-big/>.
            throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "item of " + bytes + " bytes exceeds the limit of " + config.maxItemBytes())
                    .withApplicationCondition(Element.of("payload-too-big", PepNs.ERRORS)));
        }
        return blocking.supply(() -> {
            StoredItem item = new StoredItem(node, id, text, publisher.toString(), clock.instant());
            NodeSettings settings = store.inAccountTransaction(owner.local(), c -> {
                Optional<NodeSettings> existing = store.node(c, owner.local(), node);
                NodeSettings s;
                if (existing.isEmpty()) {
                    s = ConfigForm.apply(base, options, config.maxItems());
                    store.createNode(c, owner.local(), node, s, item.publishedAt());
                } else {
                    s = existing.get();
                    // XEP-0060 §7.1.5: an existing node that does not satisfy the preconditions fails the publish.
                    if (preconditions && !ConfigForm.satisfies(s, options, config.maxItems())) {
                        throw ConfigForm.preconditionNotMet();
                    }
                }
                long after = store.usage(c, owner.local()) - store.itemBytes(c, owner.local(), node, id) + bytes;
                if (after > config.storageLimit()) {
                    throw new StanzaErrorException(StanzaErrorCondition.POLICY_VIOLATION,
                            "the account's storage limit of " + config.storageLimit() + " bytes would be exceeded");
                }
                store.putItem(c, owner.local(), item, bytes, s.kept());
                return s;
            });
            notifications.published(owner, node, settings, id, payload);
            return id;
        });
    }

    /**
     * Items of a node (XEP-0060 §6.5): those with the given ids, or the most recent {@code max} (0: all).
     * Access per the node's model (§6.5.3–§6.5.5, XEP-0163 §4.3.3); a missing node is item-not-found
     * (§6.5.9).
     */
    public CompletionStage<List<Item>> items(Jid owner, Jid requester, String node, List<String> ids, int max) {
        return blocking.supply(() -> {
            NodeSettings s = store.node(owner.local(), node)
                    .orElseThrow(() -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such node"));
            checkAccess(owner, requester, s);
            return store.items(owner.local(), node, ids, max).stream()
                    .map(i -> new Item(i.id(), xml.read(i.payload()), i)).toList();
        });
    }

    /** XEP-0060 §7.2: the owner retracts an item; notified when asked to or configured so (§7.2.2). */
    public CompletionStage<Void> retract(Jid owner, Jid requester, String node, String itemId, boolean notify) {
        ownerOnly(owner, requester);
        return blocking.supply(() -> {
            NodeSettings s = store.inAccountTransaction(owner.local(), c -> {
                NodeSettings found = store.node(c, owner.local(), node).orElseThrow(() ->
                        new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such node"));
                if (!store.deleteItem(c, owner.local(), node, itemId)) {
                    // §7.2.3.5: the item does not exist.
                    throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such item");
                }
                return found;
            });
            if (notify || s.notifyRetract()) {
                notifications.retracted(owner, node, s, itemId);
            }
            return null;
        });
    }

    /** XEP-0060 §8.4: the owner deletes a node and its items; whoever could read it is told (§8.4.2). */
    public CompletionStage<Void> deleteNode(Jid owner, Jid requester, String node) {
        ownerOnly(owner, requester);
        return blocking.supply(() -> {
            NodeSettings s = store.inAccountTransaction(owner.local(), c -> {
                NodeSettings found = store.node(c, owner.local(), node).orElseThrow(() ->
                        new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such node"));
                store.deleteNode(c, owner.local(), node);
                return found;
            });
            notifications.deleted(owner, node, s);
            return null;
        });
    }

    /** XEP-0060 §8.2: the configuration of a node, for its owner. */
    public CompletionStage<NodeSettings> configuration(Jid owner, Jid requester, String node) {
        ownerOnly(owner, requester);
        return blocking.supply(() -> store.node(owner.local(), node)
                .orElseThrow(() -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such node")));
    }

    /** XEP-0060 §8.2.4: the owner changes a node's configuration; fewer max_items drops the oldest items. */
    public CompletionStage<NodeSettings> configure(Jid owner, Jid requester, String node, Map<String, String> fields) {
        ownerOnly(owner, requester);
        return blocking.supply(() -> store.inAccountTransaction(owner.local(), c -> {
            NodeSettings s = store.node(c, owner.local(), node)
                    .orElseThrow(() -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such node"));
            NodeSettings changed = ConfigForm.apply(s, fields, config.maxItems());
            store.updateNode(c, owner.local(), node, changed);
            return changed;
        }));
    }

    /** Maximum number of items a node may keep ("max"). */
    public int maxItemsCap() {
        return config.maxItems();
    }

    /**
     * XEP-0163 §4.3.2: a resource whose presence reached the account and that wants some nodes gets their
     * last published items, if it may read them and the node sends them on presence.
     */
    void onInterest(@Observes NotifyInterest event) {
        Jid owner = event.account();
        blocking.run(() -> {
            List<PepStore.LastItem> last = store.lastItems(owner.local(), event.nodes()::contains);
            for (PepStore.LastItem l : last) {
                if (l.settings().sendLast() == SendLast.ON_SUB_AND_PRESENCE && mayRead(owner, event.resource(), l.settings())) {
                    notifications.lastPublished(owner, event.resource(), l.item().node(), l.item(), xml.read(l.item().payload()));
                }
            }
        }).exceptionally(e -> {
            LOG.warnf("last published items of %s for %s not sent: %s", owner, event.resource(), e.getMessage());
            return null;
        });
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        // The rows also go with the account (ON DELETE CASCADE); explicit so no PEP data outlives it.
        blocking.run(() -> store.deleteAll(event.localpart())).exceptionally(e -> {
            LOG.warnf("PEP data of %s not deleted: %s", event.localpart(), e.getMessage());
            return null;
        });
    }

    private void checkAccess(Jid owner, Jid requester, NodeSettings s) throws SQLException {
        if (mayRead(owner, requester, s)) {
            return;
        }
        switch (s.accessModel()) {
            // XEP-0060 §6.5.9.6: presence access without a subscription is not-authorized, <presence-subscription-required/>.
            case PRESENCE -> throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.NOT_AUTHORIZED,
                    "only contacts subscribed to the owner's presence may read this node")
                    .withApplicationCondition(Element.of("presence-subscription-required", PepNs.ERRORS)));
            // XEP-0060 §6.5.9.8: off the whitelist (a PEP whitelist holds only the owner) MUST be not-allowed
            // with <closed-node/>.
            case WHITELIST -> throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.NOT_ALLOWED,
                    "only the owner may read this node").withApplicationCondition(Element.of("closed-node", PepNs.ERRORS)));
            case OPEN -> throw new IllegalStateException("open nodes are readable");
        }
    }

    private boolean mayRead(Jid owner, Jid requester, NodeSettings s) throws SQLException {
        if (requester != null && requester.bare().equals(owner)) {
            return true;
        }
        return switch (s.accessModel()) {
            case OPEN -> true;
            case WHITELIST -> false;
            case PRESENCE -> requester != null && roster.entry(owner.local(), requester.bare())
                    .map(e -> e.state().from()).orElse(false);
        };
    }

    private static void ownerOnly(Jid owner, Jid requester) {
        if (requester == null || !requester.bare().equals(owner)) {
            // XEP-0060 §7.1.3.1 / §8: only the owner publishes to and manages a PEP service.
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only the account owner may do this");
        }
    }

    private static String checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "invalid " + what);
        }
        return name;
    }
}
