package im.kith.xmpp.sasl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * Slows down password guessing: counts failed logins per client address (IPv6 per /64, since one host
 * usually has a whole /64) and per account name, each in a leaky bucket (see {@link AuthConfig.Throttle}).
 * While a bucket is full, further attempts are refused before any credential is checked.
 *
 * <p>Names that are not accounts are counted like accounts, so the throttle does not reveal which exist.
 * A success empties the bucket of the account, not that of the address: otherwise an attacker holding
 * one valid account could reset its address between guesses at others. Memory is bounded: each table
 * keeps at most {@code max-entries} entries, dropping the least recently used, and drained entries are
 * purged every minute.
 */
@ApplicationScoped
public class AuthThrottle {
    private static final int MAX_NAME_KEY = 64;

    private final Clock clock;
    private final Buckets byAddress;
    private final Buckets byAccount;

    @Inject
    public AuthThrottle(AuthConfig config, Clock clock) {
        AuthConfig.Throttle t = config.throttle();
        this.clock = clock;
        this.byAddress = new Buckets(t.ipMaxFailures(), t.ipWindow(), t.maxEntries());
        this.byAccount = new Buckets(t.accountMaxFailures(), t.accountWindow(), t.maxEntries());
    }

    /**
     * How long the client has to wait before the next attempt, or empty if it may try now.
     *
     * @param address the client's address, or null if unknown
     * @param account the account name, or null before the client has named one
     */
    public Optional<Duration> delay(InetAddress address, String account) {
        long now = clock.millis();
        long wait = Math.max(address == null ? 0 : byAddress.delay(addressKey(address), now),
                account == null ? 0 : byAccount.delay(accountKey(account), now));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** The answer to a login attempt that {@link #delay} holds back (RFC 6120 §6.5.12). */
    public static SaslStep.Failure refusal(Duration delay) {
        long seconds = Math.max(1, (delay.toMillis() + 999) / 1000);
        return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE,
                "too many failed logins; try again in " + seconds + " s");
    }

    /** Records a failed login; {@code account} is null when the client never named a valid one. */
    public void failed(InetAddress address, String account) {
        long now = clock.millis();
        if (address != null) {
            byAddress.add(addressKey(address), now);
        }
        if (account != null) {
            byAccount.add(accountKey(account), now);
        }
    }

    /** Records a successful login: the account's failures are forgotten. */
    public void succeeded(InetAddress address, String account) {
        byAccount.clear(accountKey(account));
    }

    /** Drops drained buckets so that idle memory does not stay at the high-water mark. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long now = clock.millis();
        byAddress.purge(now);
        byAccount.purge(now);
    }

    /** Entries currently remembered (addresses plus account names). */
    int size() {
        return byAddress.size() + byAccount.size();
    }

    static String addressKey(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = new byte[8];
            System.arraycopy(address.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "/64";
        }
        return address.getHostAddress();
    }

    /** Long names are reduced to a digest so that the table's memory stays bounded. */
    static String accountKey(String account) {
        if (account.length() <= MAX_NAME_KEY) {
            return account;
        }
        byte[] digest = ScramHash.SHA_256.digest(account.getBytes(StandardCharsets.UTF_8));
        return "#" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /** One table of leaky buckets with least-recently-used eviction. Thread-safe. */
    static final class Buckets {
        private final double capacity;
        private final double drainPerMilli;
        private final Map<String, Bucket> buckets;

        Buckets(int maxFailures, Duration window, int maxEntries) {
            this.capacity = maxFailures;
            this.drainPerMilli = maxFailures == 0 ? 0 : maxFailures / (double) Math.max(1, window.toMillis());
            this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        /** Milliseconds until one more failure would fit, 0 if it fits now. */
        synchronized long delay(String key, long now) {
            Bucket b = capacity == 0 ? null : buckets.get(key);
            if (b == null) {
                return 0;
            }
            double excess = b.level(now, drainPerMilli) + 1 - capacity;
            return excess <= 0 ? 0 : (long) Math.ceil(excess / drainPerMilli);
        }

        synchronized void add(String key, long now) {
            if (capacity == 0) {
                return;
            }
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(now));
            b.level = b.level(now, drainPerMilli) + 1;
            b.updated = now;
        }

        synchronized void clear(String key) {
            buckets.remove(key);
        }

        synchronized void purge(long now) {
            for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
                if (it.next().level(now, drainPerMilli) == 0) {
                    it.remove();
                }
            }
        }

        synchronized int size() {
            return buckets.size();
        }
    }

    private static final class Bucket {
        double level;
        long updated;

        Bucket(long now) {
            this.updated = now;
        }

        double level(long now, double drainPerMilli) {
            return Math.max(0, level - Math.max(0, now - updated) * drainPerMilli);
        }
    }
}
