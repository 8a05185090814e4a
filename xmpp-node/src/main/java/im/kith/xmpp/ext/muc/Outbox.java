package im.kith.xmpp.ext.muc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/** What rooms send: routed like any stanza (the router hops onto each recipient's event loop). */
@ApplicationScoped
public class Outbox {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Outbox.class);
    private final Provider<Router> router;

    @Inject
    public Outbox(Provider<Router> router) {
        this.router = router;
    }

    void send(Stanza stanza) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("room sends %s type=%s from %s to %s", stanza.kind(), stanza.type(), stanza.from(), stanza.to());
        }
        router.get().route(stanza);
    }

    /** Answers a stanza with an error from the address it was sent to (RFC 6120 §8.3). */
    void error(Stanza stanza, StanzaErrorCondition condition, String text) {
        router.get().bounce(stanza, StanzaError.of(condition, text));
    }

    void error(Stanza stanza, StanzaError error) {
        router.get().bounce(stanza, error);
    }

    /** Answers an IQ request with a result and optional payload. */
    void result(Stanza iq, Element payload) {
        send(iq.resultWith(payload));
    }
}
