package im.kith.xmpp.router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.DefaultBean;

import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/** Used when no server-to-server module is present: every remote domain is unreachable. */
@ApplicationScoped
@DefaultBean
public class NoFederation implements RemoteRouter {
    private final Router router;

    @Inject
    public NoFederation(Router router) {
        this.router = router;
    }

    @Override
    public void send(Stanza stanza) {
        router.bounce(stanza, StanzaError.of(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND,
                "this server does not federate"));
    }
}
