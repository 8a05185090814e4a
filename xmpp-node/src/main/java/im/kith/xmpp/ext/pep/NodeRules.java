package im.kith.xmpp.ext.pep;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link NodeRule}s other features define for the nodes their specifications name (e.g. XEP-0292
 * for {@code urn:xmpp:vcard4}). Features define them while they register, so a switched-off feature
 * leaves its nodes as plain PEP nodes.
 */
@ApplicationScoped
public class NodeRules {
    private final ConcurrentHashMap<String, NodeRule> byNode = new ConcurrentHashMap<>();
    private final PepConfig config;

    public NodeRules(PepConfig config) {
        this.config = config;
    }

    /** Fixes the rule of a node; a second rule for the same node is a programming error. */
    public void define(String node, NodeRule rule) {
        if (byNode.putIfAbsent(node, rule) != null) {
            throw new IllegalStateException("node " + node + " already has a rule");
        }
    }

    /** The rule of a node, or null for a node without one. */
    public NodeRule of(String node) {
        return byNode.get(node);
    }

    /** The most items a node may keep ({@code pubsub#max_items=max}), for rules that want them all. */
    public int maxItemsCap() {
        return config.maxItems();
    }
}
