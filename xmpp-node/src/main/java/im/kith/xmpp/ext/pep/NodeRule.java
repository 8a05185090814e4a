package im.kith.xmpp.ext.pep;

import java.util.Objects;

/**
 * What a specification fixes about one well-known node: the payload every item must carry (the
 * node's {@code pubsub#type}, XEP-0060 §7.1.3.5) and the configuration the node gets when publishing
 * creates it (XEP-0163 §7.1), before any publish-options apply.
 *
 * @param payloadName      local name of the required payload element
 * @param payloadNamespace namespace of the required payload element
 * @param defaults         configuration of the node when it is created
 */
public record NodeRule(String payloadName, String payloadNamespace, NodeSettings defaults) {
    public NodeRule {
        Objects.requireNonNull(payloadName, "payloadName");
        Objects.requireNonNull(payloadNamespace, "payloadNamespace");
        Objects.requireNonNull(defaults, "defaults");
    }
}
