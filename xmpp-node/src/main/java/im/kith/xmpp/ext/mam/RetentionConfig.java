package im.kith.xmpp.ext.mam;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How long archived messages are kept ({@code kith.retention-days}). */
@ConfigMapping(prefix = "kith")
public interface RetentionConfig {

    /**
     * Archived messages older than this many days are deleted (KITH_RETENTION_DAYS); 0 or less keeps
     * them forever.
     */
    @WithName("retention-days")
    @WithDefault("7")
    int retentionDays();
}
