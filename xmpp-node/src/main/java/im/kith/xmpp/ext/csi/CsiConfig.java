package im.kith.xmpp.ext.csi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Client state indication settings ({@code kith.csi.*}, environment variables {@code KITH_CSI_*}). */
@ConfigMapping(prefix = "kith.csi")
public interface CsiConfig {

    /**
     * Most stanzas held for an inactive client (KITH_CSI_MAX_HELD); one more flushes them all, so that a
     * client that stays inactive for long still hears from a busy roster now and then.
     */
    @WithName("max-held")
    @WithDefault("100")
    int maxHeld();
}
