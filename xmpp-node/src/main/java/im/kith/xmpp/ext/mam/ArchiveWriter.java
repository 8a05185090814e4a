package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.im.offline.OfflineRefused;
import im.kith.xmpp.support.IntakePressure;

/**
 * Writes archive rows in batches from one virtual thread: the first queued row waits at most
 * {@link MamConfig#flushDelay()} for others, and up to {@link MamConfig#batchSize()} rows go into one
 * INSERT. Under load, rows queue up while a batch is written, so batches grow with the load.
 *
 * <p><b>Delivery does not wait for the commit.</b> A message is stamped with its archive id and
 * delivered at once; its row follows within the flush delay. The window in which a crash could lose
 * an archived copy the recipient already has is therefore a few milliseconds, and in return archiving
 * adds no database round trip to the delivery path. Readers that need their own writes (archive
 * queries) wait for {@link #flushed()} first, at most {@link MamConfig#flushTimeout()}.
 *
 * <p><b>A failed batch is kept and written again</b> after {@link MamConfig#retryDelay()}, doubling up to
 * {@link MamConfig#retryMaxDelay()}, until the database takes it: an outage or restart of PostgreSQL
 * loses no row. Meanwhile new rows wait in the queue; once it is full, {@link #offer} refuses them and
 * those messages are delivered unarchived, without a stanza-id (delivery never waits for the database).
 * Writing a batch again is safe: rows already committed are skipped (ON CONFLICT on the archive id).
 * Only a row the database refuses for its content (SQLSTATE classes 22, 23, 54), which no retry would
 * change, is dropped and logged, so that it does not hold back the others. On shutdown, queued rows are
 * written for at most {@link MamConfig#stopTimeout()}; how many could not be is logged.
 *
 * <p>A row can be {@link #withdraw withdrawn} after it was offered, when its message was refused after
 * all (offline storage failed and the sender got an error): it is left out of its batch, or deleted if an
 * earlier batch wrote it.
 *
 * <p><b>Under load the archive slows senders down</b> ({@link #pauseMillis}): a backlog of more than
 * {@link MamConfig#backlogRows()} rows while the database takes writes makes connections pause reading,
 * so the queue stays short and every message is archived; only an outage lets it fill.
 */
@Singleton
public class ArchiveWriter implements IntakePressure {
    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class);
    /** How long a connection pauses reading, each time it reads, while the archive is behind: at least... */
    static final long MIN_BACKLOG_PAUSE_MILLIS = 5;
    /** ...one millisecond more for every this many rows beyond the limit... */
    static final int ROWS_PER_PAUSE_MILLI = 20;
    /** ...and at most this long. */
    static final long MAX_BACKLOG_PAUSE_MILLIS = 2000;

    private final ArchiveStore store;
    private final MamConfig config;
    private final LinkedBlockingQueue<Task> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean full = new AtomicBoolean();
    // Whether the last write attempt succeeded: a backlog then means load, not an outage.
    private volatile boolean databaseTakesWrites = true;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile long stopDeadline;
    private volatile boolean stopped;
    private Thread flusher;

    /** What the flusher takes from the queue. */
    private sealed interface Task {
    }

    private record Append(ArchiveEntry entry) implements Task {
    }

    private record Barrier(CompletableFuture<Void> done) implements Task {
    }

    /** A row offered before, to be left out or deleted: its message was refused after all. */
    private record Withdraw(String owner, String id) implements Task {
    }

    /** The archive could not be brought up to date in time: its database is unavailable or behind. */
    public static final class NotFlushed extends Exception {
        NotFlushed(String message) {
            super(message, null, false, false);
        }
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
     * Queues a row; false when the queue is full or the writer has stopped (the message must then go out
     * unarchived). Never blocks.
     */
    public boolean offer(ArchiveEntry entry) {
        if (stopped) {
            refused.incrementAndGet();
            return false;
        }
        if (queue.offer(new Append(entry))) {
            if (full.get() && full.compareAndSet(true, false)) {
                LOG.warnf("archive queue has room again; %d messages in all were delivered without being archived",
                        refused.get());
            }
            return true;
        }
        refused.incrementAndGet();
        if (!full.get() && full.compareAndSet(false, true)) {
            LOG.warnf("archive queue full (%d rows waiting for the database): messages are delivered without being"
                    + " archived, and without a stanza-id, until it has room", config.queueCapacity());
        }
        return false;
    }

    /**
     * Asks connections to pause reading while more than {@link MamConfig#backlogRows()} rows wait and the
     * database takes writes: under load the archive slows senders down rather than filling its queue and
     * then letting messages through unarchived. While the database fails, no pause: messages are still
     * delivered and their rows wait.
     */
    @Override
    public long pauseMillis() {
        int over = queue.size() - config.backlogRows();
        if (!databaseTakesWrites || over <= 0) {
            return 0;
        }
        // The further behind, the longer the pause: every connection reads at most once per pause, so
        // the pause must grow until what arrives is less than what the writer takes.
        return Math.min(MAX_BACKLOG_PAUSE_MILLIS, MIN_BACKLOG_PAUSE_MILLIS + over / ROWS_PER_PAUSE_MILLI);
    }

    /**
     * Withdraws a row offered before: it is not written, or deleted if it was. Never blocks; false when
     * the queue is full (the row then stays).
     */
    public boolean withdraw(String owner, String id) {
        if (!stopped && queue.offer(new Withdraw(owner, id))) {
            return true;
        }
        LOG.warnf("archive row %s of %s could not be withdrawn: the archive queue is full", id, owner);
        return false;
    }

    /**
     * A message whose archive copy was queued could not be stored for its offline recipient and went back
     * to its sender as an error: the recipient's archive must not keep it (the sender may send it again).
     */
    void onOfflineRefused(@Observes OfflineRefused refused) {
        withdraw(refused.owner(), refused.archiveId());
    }

    /**
     * Completes once every row offered before this call is committed, or fails with {@link NotFlushed}
     * after {@link MamConfig#flushTimeout()} (the database is unavailable), at once when the queue is full.
     */
    public CompletionStage<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopped || !queue.offer(new Barrier(done))) {
            done.completeExceptionally(new NotFlushed("the archive queue is full or stopped"));
            return done;
        }
        Duration timeout = config.flushTimeout();
        return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure instanceof NotFlushed ? failure
                        : new NotFlushed("queued archive rows not written within " + timeout)));
    }

    /** Rows committed since start. */
    public long written() {
        return written.get();
    }

    /** Rows given up: refused by the database for their content, or still unwritten at shutdown. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * The wait before attempt {@code failures + 1} of a write that failed {@code failures} times:
     * {@code first}, doubling, at most {@code max}.
     */
    static Duration retryDelay(int failures, Duration first, Duration max) {
        Duration d = first;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    private void run() {
        List<Task> batch = new ArrayList<>(config.batchSize());
        Work unwritten = Work.NONE;
        try {
            while (stopping.getCount() > 0 || !queue.isEmpty()) {
                if (stopping.getCount() == 0 && System.nanoTime() >= stopDeadline) {
                    return;
                }
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
                unwritten = Work.of(batch);
                unwritten = write(unwritten);
                if (!unwritten.done()) {
                    return; // shutdown's deadline passed
                }
                for (Task t : batch) {
                    if (t instanceof Barrier b) {
                        b.done().complete(null);
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (unwritten.done()) {
                unwritten = Work.of(batch); // interrupted while gathering the batch
            }
        } finally {
            List<Task> left = new ArrayList<>();
            batch.stream().filter(Barrier.class::isInstance).forEach(left::add);
            queue.drainTo(left);
            lost(unwritten, left);
        }
    }

    /**
     * What a batch leaves to the database: rows to insert, and withdrawn rows of earlier batches to
     * delete. A row withdrawn in its own batch is neither.
     */
    private record Work(List<ArchiveEntry> rows, List<Withdraw> removals) {
        static final Work NONE = new Work(List.of(), List.of());

        static Work of(List<Task> batch) {
            List<ArchiveEntry> rows = new ArrayList<>(batch.size());
            if (batch.stream().noneMatch(Withdraw.class::isInstance)) {
                batch.stream().filter(Append.class::isInstance).forEach(t -> rows.add(((Append) t).entry()));
                return new Work(rows, List.of());
            }
            Set<Withdraw> withdrawn = new HashSet<>();
            Set<Withdraw> appended = new HashSet<>();
            for (Task t : batch) {
                if (t instanceof Withdraw w) {
                    withdrawn.add(w);
                } else if (t instanceof Append a) {
                    appended.add(new Withdraw(a.entry().owner(), a.entry().id()));
                }
            }
            for (Task t : batch) {
                if (t instanceof Append a && !withdrawn.contains(new Withdraw(a.entry().owner(), a.entry().id()))) {
                    rows.add(a.entry());
                }
            }
            withdrawn.removeAll(appended);
            return new Work(rows, List.copyOf(withdrawn));
        }

        boolean done() {
            return rows.isEmpty() && removals.isEmpty();
        }

        int size() {
            return rows.size() + removals.size();
        }
    }

    /**
     * Does a batch's work, retrying until the database took it; returns what is still undone when
     * shutdown's deadline passed first ({@link Work#NONE} otherwise).
     */
    private Work write(Work work) throws InterruptedException {
        List<ArchiveEntry> rows = work.rows();
        List<Withdraw> removals = work.removals();
        int failures = 0;
        while (!rows.isEmpty() || !removals.isEmpty()) {
            try {
                if (!rows.isEmpty()) {
                    written.addAndGet(store.insert(rows));
                    rows = List.of();
                }
                if (!removals.isEmpty()) {
                    store.delete(removals.stream().map(Withdraw::owner).toList(), removals.stream().map(Withdraw::id).toList());
                    removals = List.of();
                }
                databaseTakesWrites = true;
                if (failures > 0) {
                    LOG.infof("archive writes succeed again after %d failed attempts", failures);
                }
                return Work.NONE;
            } catch (SQLException | RuntimeException e) {
                databaseTakesWrites = false;
                if (refusesContent(e) && !rows.isEmpty()) {
                    rows = oneByOne(rows);
                    if (rows.isEmpty()) {
                        continue;
                    }
                }
                failures++;
                int pending = rows.size() + removals.size();
                if (failures == 1) {
                    LOG.warnf("archive batch of %d rows not written (%s); kept, and tried again until the database"
                            + " takes it", pending, describe(e));
                } else {
                    LOG.debugf("archive batch of %d rows not written, attempt %d (%s)", pending, failures, describe(e));
                }
                if (!pause(retryDelay(failures, config.retryDelay(), config.retryMaxDelay()))) {
                    return new Work(rows, removals);
                }
            }
        }
        return Work.NONE;
    }

    /**
     * After the database refused a batch for its content: each row alone, dropping those it refuses.
     * Returns the rows from the first that failed otherwise (database unavailable), to be retried.
     */
    private List<ArchiveEntry> oneByOne(List<ArchiveEntry> rows) {
        for (int i = 0; i < rows.size(); i++) {
            ArchiveEntry row = rows.get(i);
            try {
                written.addAndGet(store.insert(List.of(row)));
            } catch (SQLException | RuntimeException e) {
                if (!refusesContent(e)) {
                    return rows.subList(i, rows.size());
                }
                dropped.incrementAndGet();
                LOG.errorf("archive row %s of %s refused by the database (%s); dropped", row.id(), row.owner(),
                        describe(e));
            }
        }
        return List.of();
    }

    /**
     * Whether the database refused the rows themselves (data exception, integrity constraint, program
     * limit), or they could not be serialised: retrying would fail again. Anything else (connection
     * lost, server shutting down or starting, pool exhausted) is worth retrying.
     */
    private static boolean refusesContent(Exception e) {
        if (e instanceof RuntimeException) {
            return true;
        }
        String state = ((SQLException) e).getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /**
     * What to log of a failure. The server's message of a refused row may quote the row (and so a
     * message body), so only its SQLSTATE is logged; connection failures are logged in full.
     */
    private static String describe(Exception e) {
        if (e instanceof SQLException s) {
            return refusesContent(e) ? "SQLSTATE " + s.getSQLState() : "SQLSTATE " + s.getSQLState() + ": " + s.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    /** Waits before the next attempt; once stopping, only until shutdown's deadline (false if it passed). */
    private boolean pause(Duration delay) throws InterruptedException {
        if (stopping.getCount() > 0 && stopping.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
            return System.nanoTime() < stopDeadline; // shutdown began: try once more at once
        }
        if (stopping.getCount() > 0) {
            return true;
        }
        long left = stopDeadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.sleep(Math.min(left, delay.toNanos()));
        return System.nanoTime() < stopDeadline;
    }

    /**
     * Rows that will never be written (shutdown): counted and logged, never their content; the barriers
     * among the tasks fail.
     */
    private void lost(Work unwritten, List<Task> tasks) {
        long rows = unwritten.size();
        for (Task t : tasks) {
            if (t instanceof Append || t instanceof Withdraw) {
                rows++;
            } else if (t instanceof Barrier b) {
                b.done().completeExceptionally(new NotFlushed("the archive writer stopped"));
            }
        }
        if (rows > 0) {
            dropped.addAndGet(rows);
            LOG.errorf("archive: %d queued rows could not be written before shutdown and are lost", rows);
        }
    }

    @PreDestroy
    void stop() {
        long timeout = config.stopTimeout().toNanos();
        stopDeadline = System.nanoTime() + timeout;
        stopping.countDown();
        try {
            flusher.join(Duration.ofNanos(timeout).plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        // Rows offered while the flusher was finishing; nothing will write them.
        List<Task> left = new ArrayList<>();
        queue.drainTo(left);
        lost(Work.NONE, left);
    }
}
