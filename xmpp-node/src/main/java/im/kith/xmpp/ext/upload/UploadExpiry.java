package im.kith.xmpp.ext.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes uploads older than {@code kith.retention-days} (files and rows), and slots that expired
 * without a completed PUT together with any partial file. Runs on a scheduler worker thread.
 */
@ApplicationScoped
public class UploadExpiry {
    private static final Logger LOG = Logger.getLogger(UploadExpiry.class);
    private static final int BATCH = 500;

    private final UploadStore store;
    private final SlotService slots;
    private final int retentionDays;
    private final Clock clock;

    /**
     * @param retentionDays {@code kith.retention-days} (KITH_RETENTION_DAYS): uploads older than this many
     *                      days are deleted; 0 or less keeps them forever. A plain property: the
     *                      {@code kith} prefix belongs to NodeConfig.
     */
    UploadExpiry(UploadStore store, SlotService slots,
            @ConfigProperty(name = "kith.retention-days", defaultValue = "7") int retentionDays, Clock clock) {
        this.store = store;
        this.slots = slots;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    @Scheduled(every = "${kith.upload.purge-every:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException, IOException {
        purge(clock.instant());
    }

    /** Deletes what is out of date as seen at {@code now}; returns how many slots went. Blocking. */
    public int purge(Instant now) throws SQLException, IOException {
        Instant storedBefore = retentionDays <= 0 ? Instant.EPOCH : now.minus(Duration.ofDays(retentionDays));
        // Unused slots are kept a little past their expiry so that a PUT still streaming is not cut off.
        Instant unusedBefore = now.minus(Duration.ofHours(1));
        int deleted = 0;
        while (true) {
            List<String> ids = store.stale(storedBefore, unusedBefore, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            for (String id : ids) {
                Files.deleteIfExists(slots.file(id));
                Files.deleteIfExists(slots.partFile(id));
            }
            store.delete(ids);
            deleted += ids.size();
            if (ids.size() < BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.infof("deleted %d expired uploads", deleted);
        }
        return deleted;
    }
}
