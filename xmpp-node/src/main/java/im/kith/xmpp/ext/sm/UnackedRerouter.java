package im.kith.xmpp.ext.sm;

import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.session.ClientSession;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/**
 * What happens to stanzas a client never acknowledged once its session is over (XEP-0198 §4): they are
 * treated like stanzas for an unavailable resource. Chat and normal messages go back through the router
 * to the account's bare JID, so another resource or offline storage gets them (RFC 6121 §8.5.2), stamped
 * with the time of the failed delivery (XEP-0203); IQ requests are answered with
 * {@code service-unavailable} (RFC 6121 §8.5.3.2.2); presence is state, not news, and is dropped.
 */
@ApplicationScoped
public class UnackedRerouter {
    private static final String CARBONS = "urn:xmpp:carbons:2";

    private final Router router;
    private final String domain;

    @Inject
    public UnackedRerouter(Router router, NodeConfig config) {
        this.router = router;
        this.domain = config.domain();
    }

    void reroute(ClientSession session, List<Unacked> lost) {
        if (lost.isEmpty()) {
            return;
        }
        Jid account = session.jid().bare();
        for (Unacked u : lost) {
            Stanza s = u.stanza();
            switch (s.kind()) {
                case MESSAGE -> {
                    if (reroutable(s)) {
                        router.route(withDelay(s.withTo(account), u));
                    }
                }
                case IQ -> {
                    if (s.isIqRequest()) {
                        router.bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
                    }
                }
                case PRESENCE -> {
                }
            }
        }
    }

    /** Chat and normal messages; not carbon copies (the other resources had their own). */
    private static boolean reroutable(Stanza m) {
        String type = m.type() == null ? "normal" : m.type();
        if (!type.equals("chat") && !type.equals("normal")) {
            return false;
        }
        Element e = m.element();
        return e.child("sent", CARBONS) == null && e.child("received", CARBONS) == null;
    }

    /** XEP-0203 §3: a delay naming this server and the original delivery time, unless one is there. */
    private Stanza withDelay(Stanza m, Unacked u) {
        if (m.element().child("delay", Ns.DELAY) != null) {
            return m;
        }
        Element delay = Element.builder("delay", Ns.DELAY).attribute("from", domain)
                .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(u.sentAt())).build();
        return m.withElement(m.element().withChild(delay));
    }
}
