package im.kith.invite.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.invite.InviteConfig;

/**
 * Counts failed redemption attempts (unknown, expired or used tokens) and open registrations per client
 * address, in fixed windows. Memory is bounded: at most {@value #MAX_ADDRESSES} addresses are tracked,
 * the least recently seen are forgotten first.
 */
@ApplicationScoped
public class RedemptionThrottle {
    static final int MAX_ADDRESSES = 10_000;
    private static final Duration OPEN_WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final int maxFailures;
    private final Duration failureWindow;
    private final int openPerHour;
    private final Map<String, Window> failures = lru();
    private final Map<String, Window> registrations = lru();

    RedemptionThrottle(Clock clock, InviteConfig config) {
        this.clock = clock;
        this.maxFailures = config.invites().maxFailures();
        this.failureWindow = config.invites().failureWindow();
        this.openPerHour = config.invites().openPerHour();
    }

    private record Window(Instant start, int count) {
    }

    /** Whether the address may try a token now. */
    public boolean mayTry(String address) {
        return below(failures, address, failureWindow, maxFailures);
    }

    public void failed(String address) {
        count(failures, address, failureWindow);
    }

    /** Whether the address may create an account without an invite now (open registration). */
    public boolean mayRegisterOpenly(String address) {
        return below(registrations, address, OPEN_WINDOW, openPerHour);
    }

    public void registeredOpenly(String address) {
        count(registrations, address, OPEN_WINDOW);
    }

    private boolean below(Map<String, Window> map, String address, Duration window, int limit) {
        Instant now = clock.instant();
        synchronized (map) {
            Window w = map.get(key(address));
            return w == null || !now.isBefore(w.start().plus(window)) || w.count() < limit;
        }
    }

    private void count(Map<String, Window> map, String address, Duration window) {
        Instant now = clock.instant();
        synchronized (map) {
            map.merge(key(address), new Window(now, 1), (old, one) ->
                    now.isBefore(old.start().plus(window)) ? new Window(old.start(), old.count() + 1) : one);
        }
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }

    private static Map<String, Window> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > MAX_ADDRESSES;
            }
        };
    }
}
