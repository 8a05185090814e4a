package im.kith.xmpp.s2s;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.RemoteRouter;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * The node's {@link RemoteRouter}: stanzas for other domains go over one outgoing stream per
 * (local domain, remote domain) pair, or over an incoming stream the peer made bidirectional
 * (XEP-0288) for that pair. With KITH_FEDERATION off, for blocked domains, and from accounts
 * kept local ({@link LocalOnlyAccounts}), they bounce.
 */
@ApplicationScoped
public class FederationRouter implements RemoteRouter {
    private final FederationServices services;
    private final OutboundConnector connector;
    private final LocalOnlyAccounts localOnly;
    /** The (local domain, remote domain) pair a route serves. */
    private record Pair(String local, String remote) {
    }

    private final ConcurrentMap<Pair, OutboundRoute> routes = new ConcurrentHashMap<>();

    @Inject
    public FederationRouter(FederationServices services, OutboundConnector connector, LocalOnlyAccounts localOnly) {
        this.services = services;
        this.connector = connector;
        this.localOnly = localOnly;
    }

    @Override
    public void send(Stanza stanza) {
        FederationPolicy policy = services.policy();
        if (!policy.enabled()) {
            services.router().bounce(stanza, StanzaError.of(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND,
                    "this server does not federate"));
            return;
        }
        String remote = stanza.to().domain();
        if (!policy.permits(remote)) {
            services.router().bounce(stanza, StanzaError.of(StanzaErrorCondition.NOT_ALLOWED,
                    "federation with " + remote + " is not permitted"));
            return;
        }
        Jid from = stanza.from();
        if (localOnly.keptLocal(from)) {
            services.router().bounce(stanza, StanzaError.of(StanzaErrorCondition.NOT_ALLOWED,
                    "this account can only talk to people on this server"));
            return;
        }
        String local = from != null && services.router().isLocalDomain(from.domain()) ? from.domain()
                : services.domain();
        route(local, remote).send(stanza);
    }

    private OutboundRoute route(String local, String remote) {
        return routes.computeIfAbsent(new Pair(local, remote), k -> new OutboundRoute(local, remote, services, connector));
    }

    /**
     * An incoming stream from {@code remote}, made bidirectional, authenticated the peer for stanzas from
     * {@code local} to {@code remote} (XEP-0288 §2.2): send them over it. On the stream's event loop.
     */
    void adopt(String local, String remote, StanzaChannel stream, String authentication) {
        route(local, remote).adopt(stream, authentication);
    }

    /** That stream ended. */
    void release(String local, String remote, StanzaChannel stream) {
        OutboundRoute r = routes.get(new Pair(local, remote));
        if (r != null) {
            r.release(stream);
        }
    }

    @PreDestroy
    void close() {
        routes.values().forEach(OutboundRoute::close);
    }
}
