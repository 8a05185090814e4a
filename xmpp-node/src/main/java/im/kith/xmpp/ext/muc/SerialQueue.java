package im.kith.xmpp.ext.muc;

import java.util.ArrayDeque;
import java.util.Queue;

import org.jboss.logging.Logger;

import im.kith.xmpp.support.Blocking;

/**
 * Runs tasks one at a time in submission order on virtual threads (through {@link Blocking}): the
 * confinement of a room's state. Tasks may block on JDBC, never an event loop. A closed queue takes no
 * more tasks; its room is then looked up afresh.
 */
final class SerialQueue {
    private static final Logger LOG = Logger.getLogger(SerialQueue.class);

    private final Blocking blocking;
    private final Queue<Runnable> pending = new ArrayDeque<>();
    private boolean running;
    private boolean closed;

    SerialQueue(Blocking blocking) {
        this.blocking = blocking;
    }

    /** Queues a task; false when the queue was closed. */
    synchronized boolean offer(Runnable task) {
        if (closed) {
            return false;
        }
        pending.add(task);
        if (!running) {
            running = true;
            blocking.run(this::drain);
        }
        return true;
    }

    /** Closes the queue if nothing waits behind the running task; called from a task. */
    synchronized boolean closeIfIdle() {
        if (pending.isEmpty()) {
            closed = true;
        }
        return closed;
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = pending.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("room task failed", e);
            }
        }
    }
}
