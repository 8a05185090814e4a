package im.kith.xmpp.s2s;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

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

    private void update(String domain, UnaryOperator<DomainStatus> change) {
        domains.compute(domain, (d, s) -> change.apply(s == null ? DomainStatus.initial(d, clock.instant()) : s));
    }

    void inboundUp(String domain, String how) {
        update(domain, s -> new DomainStatus(s.domain(), s.inbound() + 1, s.outbound(), s.bidi(), how,
                s.outboundAuth(), s.lastError(), clock.instant()));
    }

    void inboundDown(String domain) {
        update(domain, s -> new DomainStatus(s.domain(), Math.max(0, s.inbound() - 1), s.outbound(), s.bidi(),
                s.inboundAuth(), s.outboundAuth(), s.lastError(), clock.instant()));
    }

    /** Stanzas to the domain flow; {@code bidi} when over a bidirectional stream (XEP-0288). */
    void outboundUp(String domain, String how, boolean bidi) {
        update(domain, s -> new DomainStatus(s.domain(), s.inbound(), true, bidi, s.inboundAuth(), how, null,
                clock.instant()));
    }

    void outboundDown(String domain) {
        update(domain, s -> new DomainStatus(s.domain(), s.inbound(), false, false, s.inboundAuth(),
                s.outboundAuth(), s.lastError(), clock.instant()));
    }

    void error(String domain, String error) {
        update(domain, s -> new DomainStatus(s.domain(), s.inbound(), s.outbound(), s.bidi(), s.inboundAuth(),
                s.outboundAuth(), error, clock.instant()));
    }
}
