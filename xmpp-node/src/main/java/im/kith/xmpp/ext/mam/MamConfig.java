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
    @WithDefault("2000")
    int batchSize();

    /**
     * Most rows waiting to be written, including those kept while the database is unavailable; beyond
     * it new messages are delivered without being archived (and without a stanza-id) and a warning is
     * logged (KITH_MAM_QUEUE_CAPACITY).
     */
    @WithName("queue-capacity")
    @WithDefault("100000")
    int queueCapacity();

    /**
     * Rows waiting to be written above which connections are asked to read more slowly, so that senders
     * wait for the archive instead of filling its queue (KITH_MAM_BACKLOG_ROWS). Only while the database
     * takes writes: during an outage messages keep flowing and rows wait in the queue.
     */
    @WithName("backlog-rows")
    @WithDefault("5000")
    int backlogRows();

    /**
     * Wait before a failed archive write is tried again (KITH_MAM_RETRY_DELAY); it doubles with each
     * further failure up to {@link #retryMaxDelay()}. Rows are kept and retried until the database
     * takes them.
     */
    @WithName("retry-delay")
    @WithDefault("PT0.1S")
    Duration retryDelay();

    /** Longest wait between two attempts to write failed archive rows (KITH_MAM_RETRY_MAX_DELAY). */
    @WithName("retry-max-delay")
    @WithDefault("PT5S")
    Duration retryMaxDelay();

    /**
     * Longest an archive query or metadata request waits for the rows queued before it to be written;
     * then it is answered with {@code internal-server-error} of type wait (KITH_MAM_FLUSH_TIMEOUT).
     */
    @WithName("flush-timeout")
    @WithDefault("PT5S")
    Duration flushTimeout();

    /**
     * Longest shutdown waits for queued archive rows to be written; the count of rows it could not write
     * is logged (KITH_MAM_STOP_TIMEOUT).
     */
    @WithName("stop-timeout")
    @WithDefault("PT10S")
    Duration stopTimeout();

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
