package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.support.Blocking;

/**
 * Keeps archives within {@code kith.retention-days}: deletes the oldest messages in batches (XEP-0313
 * §3.2: deleted messages are always the oldest, so no holes appear), and removes an account's archive
 * with the account.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ArchiveStore store;
    private final int retentionDays;
    private final MamConfig config;
    private final Clock clock;
    private final Blocking blocking;

    @Inject
    /**
     * @param node          its {@code retentionDays()} (KITH_RETENTION_DAYS): archived messages older
     *                      than this many days are deleted; 0 or less keeps them forever. A plain
     *                      property rather than a mapping: the {@code kith} prefix belongs to NodeConfig.
     */
    public RetentionJob(ArchiveStore store, NodeConfig node,
            MamConfig config, Clock clock, Blocking blocking) {
        this.store = store;
        this.retentionDays = node.retentionDays();
        this.config = config;
        this.clock = clock;
        this.blocking = blocking;
    }

    @Scheduled(every = "${kith.mam.purge-every:PT1H}", delayed = "PT30S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        purge(clock.instant());
    }

    /** Deletes what is older than the retention period as seen at {@code now}; returns how many. Blocking. */
    public int purge(Instant now) throws SQLException {
        if (retentionDays <= 0) {
            return 0;
        }
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        int total = 0;
        int n;
        do {
            n = store.deleteOlderThan(cutoff, config.purgeBatch());
            total += n;
        } while (n == config.purgeBatch());
        if (total > 0) {
            LOG.infof("retention: deleted %d archived messages received before %s", total, cutoff);
        }
        return total;
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        // Usually a no-op (the foreign key cascades); explicit so that no archive outlives its account.
        blocking.run(() -> store.deleteArchive(event.localpart()))
                .exceptionally(e -> {
                    LOG.warnf("could not delete the archive of %s: %s", event.localpart(), e.getMessage());
                    return null;
                });
    }
}
