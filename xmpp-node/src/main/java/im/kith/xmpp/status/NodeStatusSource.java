package im.kith.xmpp.status;

/** Supplies the current {@link NodeStatus}; implemented by the node's listener and session registry. */
public interface NodeStatusSource {
    NodeStatus current();
}
