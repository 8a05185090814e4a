package im.kith.xmpp.feature;

/**
 * A protocol feature of the node (typically one XEP), discovered as a CDI bean. At start-up the
 * {@link FeatureRegistry} calls {@link #register} on every enabled feature; a feature is switched off
 * with {@code kith.features.<name>.enabled=false}.
 */
public interface XmppFeature {

    /** Short stable name used in configuration and docs, e.g. {@code carbons}. */
    String name();

    /**
     * Position of this feature's hooks among all features' hooks (lower runs first; ties by name).
     * Policy features (blocking, privacy) come before those that store or copy stanzas (archive, carbons).
     */
    default int order() {
        return 100;
    }

    /** Registers the feature's handlers, hooks and advertised features. Called once. */
    void register(FeatureContext context);
}
