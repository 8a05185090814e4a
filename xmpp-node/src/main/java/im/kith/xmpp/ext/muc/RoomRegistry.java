package im.kith.xmpp.ext.muc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.support.Blocking;

/**
 * The rooms in use, each with its serial queue. Every task runs on its room's queue after the room
 * is loaded (from the database on first use); afterwards an empty room is settled (a persistent one
 * unloaded, a temporary one destroyed) and a slot without a live room is retired.
 */
@ApplicationScoped
public class RoomRegistry {
    private static final Logger LOG = Logger.getLogger(RoomRegistry.class);

    private final ConcurrentHashMap<String, RoomSlot> slots = new ConcurrentHashMap<>();
    private final Blocking blocking;
    private final RoomLifecycle lifecycle;

    @Inject
    public RoomRegistry(Blocking blocking, RoomLifecycle lifecycle) {
        this.blocking = blocking;
        this.lifecycle = lifecycle;
    }

    /** Runs a task on a room's queue. */
    void submit(String localpart, Consumer<RoomSlot> task) {
        while (true) {
            RoomSlot slot = slots.computeIfAbsent(localpart, k -> new RoomSlot(k, new SerialQueue(blocking)));
            if (slot.queue().offer(() -> run(slot, task))) {
                return;
            }
            slots.remove(localpart, slot);
        }
    }

    /** Runs a task on a room's queue and completes with its result. */
    <T> CompletionStage<T> call(String localpart, Function<RoomSlot, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(localpart, slot -> {
            try {
                result.complete(task.apply(slot));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
            }
        });
        return result;
    }

    /** Drops a room from memory as a restart would (its occupants are forgotten); it reloads on next use. */
    CompletionStage<Void> evict(String localpart) {
        return call(localpart, slot -> {
            slot.state(new RoomState.Unloaded());
            return null;
        });
    }

    /** Whether a room is in memory (for tests and the service's disco#items). */
    boolean loaded(String localpart) {
        RoomSlot s = slots.get(localpart);
        return s != null && s.room() != null;
    }

    private void run(RoomSlot slot, Consumer<RoomSlot> task) {
        try {
            lifecycle.ensureLoaded(slot);
            task.accept(slot);
        } catch (RuntimeException e) {
            LOG.errorf(e, "task of room %s failed", slot.localpart());
        } finally {
            try {
                lifecycle.settle(slot);
            } catch (RuntimeException e) {
                LOG.errorf(e, "settling room %s failed", slot.localpart());
            }
            if (!(slot.state() instanceof RoomState.Live) && slot.queue().closeIfIdle()) {
                slots.remove(slot.localpart(), slot);
            }
        }
    }
}
