package im.kith.xmpp.s2s;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A token bucket per remote domain (RFC 6120 §13.12 item 3: limit the stanzas a peer can make the
 * server process), shared by all incoming streams from that domain.
 */
@ApplicationScoped
public class InboundRateLimiter {
    private final Clock clock;
    private final double rate;
    private final double burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public InboundRateLimiter(FederationConfig config, Clock clock) {
        this.clock = clock;
        this.rate = Math.max(1, config.rate());
        this.burst = Math.max(1, config.burst());
    }

    /** Takes one token for a stanza from this domain; false when the domain is over its limit. */
    public boolean tryAcquire(String domain) {
        long now = clock.millis();
        return buckets.computeIfAbsent(domain, d -> new Bucket(burst, now)).take(now, rate, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        synchronized boolean take(long now, double rate, double burst) {
            tokens = Math.min(burst, tokens + Math.max(0, now - last) * rate / 1000.0);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
