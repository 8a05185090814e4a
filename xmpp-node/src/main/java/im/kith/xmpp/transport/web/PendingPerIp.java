package im.kith.xmpp.transport.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;

/**
 * Counts unauthenticated WebSocket and BOSH streams per client address, bounded like the TCP listeners
 * by {@code kith.c2s.max-pending-per-ip}.
 */
@ApplicationScoped
public class PendingPerIp {
    private final NodeConfig config;
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();

    public PendingPerIp(NodeConfig config) {
        this.config = config;
    }

    /** A slot for one more unauthenticated stream from {@code ip}, or null when it has too many. */
    Runnable acquire(String ip) {
        AtomicInteger count = pending.computeIfAbsent(ip, k -> new AtomicInteger());
        if (count.incrementAndGet() > config.c2s().maxPendingPerIp()) {
            release(ip, count);
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(ip, count);
            }
        };
    }

    private void release(String ip, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            pending.remove(ip, count);
        }
    }
}
