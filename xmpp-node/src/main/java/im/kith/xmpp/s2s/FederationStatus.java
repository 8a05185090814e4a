package im.kith.xmpp.s2s;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Per-remote-domain federation status; updated by the streams, read by operators. Thread-safe. */
@ApplicationScoped
public class FederationStatus {
    private final Clock clock;
    private final ConcurrentMap<String, DomainStatus> domains = new ConcurrentHashMap<>();

    @Inject
    public FederationStatus(Clock clock) {
        this.clock = clock;
    }

    /** Every domain this node has talked to or tried to, sorted by name. */
    public List<DomainStatus> domains() {
        return domains.values().stream().sorted(Comparator.comparing(DomainStatus::domain)).toList();
    }

    /** One domain's status, or null when it was never contacted. */
    public DomainStatus domain(String domain) {
        return domains.get(domain);
    }

    void inbound(String domain, int delta) {
        domains.compute(domain, (d, s) -> s == null
                ? new DomainStatus(d, Math.max(0, delta), false, null, clock.instant())
                : new DomainStatus(d, Math.max(0, s.inbound() + delta), s.outbound(), s.lastError(), clock.instant()));
    }

    void outbound(String domain, boolean up) {
        domains.compute(domain, (d, s) -> s == null
                ? new DomainStatus(d, 0, up, null, clock.instant())
                : new DomainStatus(d, s.inbound(), up, up ? null : s.lastError(), clock.instant()));
    }

    void error(String domain, String error) {
        domains.compute(domain, (d, s) -> s == null
                ? new DomainStatus(d, 0, false, error, clock.instant())
                : new DomainStatus(d, s.inbound(), s.outbound(), error, clock.instant()));
    }
}
