package im.kith.xmpp.ext.pep;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Personal eventing and private storage settings ({@code kith.pep.*}). */
@ConfigMapping(prefix = "kith.pep")
public interface PepConfig {

    /**
     * Bytes of serialised XML an account may keep in PEP items and private XML storage together
     * (KITH_PEP_STORAGE_LIMIT); a publish beyond it is refused with policy-violation.
     */
    @WithName("storage-limit")
    @WithDefault("1048576")
    long storageLimit();

    /**
     * Most items a node keeps (KITH_PEP_MAX_ITEMS); {@code pubsub#max_items=max} means this value, and
     * a larger number is refused with not-acceptable.
     */
    @WithName("max-items")
    @WithDefault("1000")
    int maxItems();

    /** Largest single item payload in bytes (KITH_PEP_MAX_ITEM_BYTES); larger is payload-too-big. */
    @WithName("max-item-bytes")
    @WithDefault("262144")
    int maxItemBytes();

    /** Entity capabilities remembered (KITH_PEP_CAPS_CACHE_SIZE), each a set of +notify nodes. */
    @WithName("caps-cache-size")
    @WithDefault("4096")
    int capsCacheSize();
}
