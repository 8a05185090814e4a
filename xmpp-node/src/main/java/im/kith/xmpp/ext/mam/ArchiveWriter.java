package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Writes archive rows in batches from one virtual thread: the first queued row waits at most
 * {@link MamConfig#flushDelay()} for others, and up to {@link MamConfig#batchSize()} rows go into one
 * INSERT. Under load, rows queue up while a batch is written, so batches grow with the load.
 *
 * <p><b>Delivery does not wait for the commit.</b> A message is stamped with its archive id and
 * delivered at once; its row follows within the flush delay. The window in which a crash could lose
 * an archived copy the recipient already has is therefore a few milliseconds, and in return archiving
 * adds no database round trip to the delivery path. Readers that need their own writes (archive
 * queries) wait for {@link #flushed()} first.
 */
@Singleton
public class ArchiveWriter {
    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class);

    private final ArchiveStore store;
    private final MamConfig config;
    private final LinkedBlockingQueue<Task> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;
    private Thread flusher;

    /** What the flusher takes from the queue. */
    private sealed interface Task {
    }

    private record Append(ArchiveEntry entry) implements Task {
    }

    private record Barrier(CompletableFuture<Void> done) implements Task {
    }

    @Inject
    public ArchiveWriter(ArchiveStore store, MamConfig config) {
        this.store = store;
        this.config = config;
        this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
    }

    @PostConstruct
    void start() {
        flusher = Thread.ofVirtual().name("kith-mam-writer").start(this::run);
    }

    /**
     * Queues a row; false when the queue is full (the message must then go out unarchived).
     * Never blocks.
     */
    public boolean offer(ArchiveEntry entry) {
        if (queue.offer(new Append(entry))) {
            return true;
        }
        if (refused.incrementAndGet() % 1000 == 1) {
            LOG.warnf("archive queue full (%d rows): messages are being delivered without archiving", config.queueCapacity());
        }
        return false;
    }

    /** Completes once every row offered before this call is committed (or failed). */
    public CompletionStage<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // A full queue takes no barrier: the caller then reads what is committed so far.
        if (!queue.offer(new Barrier(done))) {
            done.complete(null);
        }
        return done;
    }

    /** Rows committed since start. */
    public long written() {
        return written.get();
    }

    private void run() {
        List<Task> batch = new ArrayList<>(config.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                Task first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + config.flushDelay().toNanos();
                while (batch.size() < config.batchSize()) {
                    long wait = deadline - System.nanoTime();
                    Task next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Task> batch) {
        List<ArchiveEntry> rows = new ArrayList<>(batch.size());
        for (Task t : batch) {
            if (t instanceof Append a) {
                rows.add(a.entry());
            }
        }
        if (!rows.isEmpty()) {
            try {
                written.addAndGet(store.insert(rows));
            } catch (SQLException | RuntimeException e) {
                LOG.warnf(e, "archive batch of %d rows failed; writing them one by one", rows.size());
                for (ArchiveEntry row : rows) {
                    try {
                        written.addAndGet(store.insert(List.of(row)));
                    } catch (SQLException | RuntimeException e2) {
                        LOG.errorf("archive row %s of %s lost: %s", row.id(), row.owner(), e2.getMessage());
                    }
                }
            }
        }
        for (Task t : batch) {
            if (t instanceof Barrier b) {
                b.done().complete(null);
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            flusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
