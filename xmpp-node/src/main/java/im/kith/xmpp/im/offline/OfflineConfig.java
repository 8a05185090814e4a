package im.kith.xmpp.im.offline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Offline message storage ({@code kith.offline.*}, environment variables {@code KITH_OFFLINE_*}). */
@ConfigMapping(prefix = "kith.offline")
public interface OfflineConfig {

    /**
     * Most messages stored for one account (KITH_OFFLINE_MAX_MESSAGES); further messages are bounced with
     * {@code service-unavailable} until the account comes online.
     */
    @WithName("max-messages")
    @WithDefault("1000")
    int maxMessages();
}
