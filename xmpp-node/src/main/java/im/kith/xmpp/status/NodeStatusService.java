package im.kith.xmpp.status;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.router.SessionRegistry;
import im.kith.xmpp.support.KithVersion;
import im.kith.xmpp.tls.TlsMaterialSource;
import im.kith.xmpp.transport.C2sListeners;

/** The node's status from its listeners, session registry and TLS material. */
@ApplicationScoped
public class NodeStatusService implements NodeStatusSource {
    private final NodeConfig config;
    private final C2sListeners listeners;
    private final SessionRegistry sessions;
    private final TlsMaterialSource tls;

    @Inject
    public NodeStatusService(NodeConfig config, C2sListeners listeners, SessionRegistry sessions,
            TlsMaterialSource tls) {
        this.config = config;
        this.listeners = listeners;
        this.sessions = sessions;
        this.tls = tls;
    }

    @Override
    public NodeStatus current() {
        String host = config.c2s().host();
        return new NodeStatus(KithVersion.VERSION, config.domain(),
                List.of("c2s starttls " + host + ":" + listeners.port(), "c2s direct-tls " + host + ":" + listeners.tlsPort()),
                sessions.count(), Optional.of(tls.current().notAfter()));
    }
}
