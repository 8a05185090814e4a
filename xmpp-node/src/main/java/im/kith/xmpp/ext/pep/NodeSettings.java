package im.kith.xmpp.ext.pep;

/**
 * The configuration of one PEP node.
 *
 * @param maxItems the number of items kept, at most {@code kith.pep.max-items} ("max")
 */
public record NodeSettings(AccessModel accessModel, int maxItems, boolean persistItems, SendLast sendLast,
        boolean notifyRetract) {

    /** XEP-0163 §7.1: a node created by publishing has presence access; one item as most clients expect. */
    public static NodeSettings defaults() {
        return new NodeSettings(AccessModel.PRESENCE, 1, true, SendLast.ON_SUB_AND_PRESENCE, true);
    }

    public NodeSettings withAccessModel(AccessModel m) {
        return new NodeSettings(m, maxItems, persistItems, sendLast, notifyRetract);
    }

    public NodeSettings withMaxItems(int n) {
        return new NodeSettings(accessModel, n, persistItems, sendLast, notifyRetract);
    }

    public NodeSettings withPersistItems(boolean b) {
        return new NodeSettings(accessModel, maxItems, b, sendLast, notifyRetract);
    }

    public NodeSettings withSendLast(SendLast s) {
        return new NodeSettings(accessModel, maxItems, persistItems, s, notifyRetract);
    }

    public NodeSettings withNotifyRetract(boolean b) {
        return new NodeSettings(accessModel, maxItems, persistItems, sendLast, b);
    }

    /** How many items the store keeps: all up to max_items, or only the last when not persistent. */
    public int kept() {
        return persistItems ? maxItems : 1;
    }
}
