package im.kith.xmpp.ext.push;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.support.Blocking;

/**
 * Every account's push registrations, in memory for the delivery path (read from any event loop without
 * locks: each account maps to an immutable list) and written through to {@link PushStore}.
 */
@ApplicationScoped
class Registrations {
    private final ConcurrentHashMap<String, List<Registration>> byOwner = new ConcurrentHashMap<>();
    private final PushStore store;
    private final Blocking blocking;
    private final Clock clock;

    Registrations(PushStore store, Blocking blocking, Clock clock) {
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
    }

    void load(@Observes StartupEvent event) throws SQLException {
        for (Registration r : store.loadAll()) {
            byOwner.merge(r.owner(), List.of(r), Registrations::concat);
        }
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        byOwner.remove(event.localpart());
    }

    List<Registration> of(String owner) {
        return byOwner.getOrDefault(owner, List.of());
    }

    CompletionStage<Void> enable(Registration r) {
        return blocking.run(() -> store.upsert(r, clock.instant())).thenRun(() -> byOwner.compute(r.owner(),
                (k, current) -> concat(without(current, r.service(), r.node()), List.of(r))));
    }

    /** Removes one registration, or (node null) all of the owner's with that service. */
    CompletionStage<Void> disable(String owner, Jid service, String node) {
        return blocking.run(() -> store.delete(owner, service, node)).thenRun(() -> byOwner.computeIfPresent(owner,
                (k, current) -> {
                    List<Registration> rest = without(current, service, node);
                    return rest.isEmpty() ? null : rest;
                }));
    }

    private static List<Registration> without(List<Registration> current, Jid service, String node) {
        if (current == null) {
            return List.of();
        }
        List<Registration> out = new ArrayList<>(current.size());
        for (Registration r : current) {
            if (!(r.service().equals(service) && (node == null || r.node().equals(node)))) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    private static List<Registration> concat(List<Registration> a, List<Registration> b) {
        List<Registration> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
