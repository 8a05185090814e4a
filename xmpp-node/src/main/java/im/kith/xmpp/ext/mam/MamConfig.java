package im.kith.xmpp.ext.mam;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Message archive settings ({@code kith.mam.*}, KITH_MAM_* environment variables). */
@ConfigMapping(prefix = "kith.mam")
public interface MamConfig {

    /** Longest a queued archive row waits for others to share its INSERT (KITH_MAM_FLUSH_DELAY). */
    @WithName("flush-delay")
    @WithDefault("PT0.005S")
    Duration flushDelay();

    /** Most rows written by one INSERT (KITH_MAM_BATCH_SIZE). */
    @WithName("batch-size")
    @WithDefault("500")
    int batchSize();

    /**
     * Most rows waiting to be written; beyond it new messages are delivered without being archived
     * (and without a stanza-id) and a warning is logged (KITH_MAM_QUEUE_CAPACITY).
     */
    @WithName("queue-capacity")
    @WithDefault("100000")
    int queueCapacity();

    /** Page size when a query has no RSM {@code <max/>} (KITH_MAM_DEFAULT_PAGE). */
    @WithName("default-page")
    @WithDefault("50")
    int defaultPage();

    /** Largest page a query gets, whatever its {@code <max/>} asks (KITH_MAM_MAX_PAGE). */
    @WithName("max-page")
    @WithDefault("250")
    int maxPage();

    /** How often the retention job runs (KITH_MAM_PURGE_EVERY). */
    @WithName("purge-every")
    @WithDefault("PT1H")
    Duration purgeEvery();

    /** Rows deleted per statement by the retention job (KITH_MAM_PURGE_BATCH). */
    @WithName("purge-batch")
    @WithDefault("5000")
    int purgeBatch();
}
