package im.kith.xmpp.s2s;

import org.jboss.logging.Logger;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;

/**
 * Stanzas from a peer, on an authenticated incoming stream or on an outgoing stream made bidirectional
 * (XEP-0288): addresses checked against what the peer proved
 * (RFC 6120 §4.9.3.9 invalid-from, §4.9.3.6 host-unknown, §4.9.3.11 improper-addressing), the
 * per-domain rate limit applied (§13.12), then handed to the router in the jabber:client namespace.
 */
final class InboundStanzas {
    private static final Logger LOG = Logger.getLogger(InboundStanzas.class);

    private final S2sStream stream;
    private final PeerAddresses peer;
    private final FederationServices services;

    InboundStanzas(S2sStream stream, PeerAddresses peer, FederationServices services) {
        this.stream = stream;
        this.peer = peer;
        this.services = services;
    }

    void receive(Element serverElement) {
        Element element = S2sStream.toClientNamespace(serverElement);
        String fromText = element.attribute("from");
        String toText = element.attribute("to");
        if (fromText == null || toText == null) {
            // RFC 6120 §8.1.1.1 / §8.1.2.1: stanzas between servers carry both addresses.
            stream.closeWithError(StreamErrorCondition.IMPROPER_ADDRESSING, "stanzas need 'from' and 'to'");
            return;
        }
        Jid from;
        try {
            from = Jid.parse(fromText);
        } catch (JidException e) {
            stream.closeWithError(StreamErrorCondition.INVALID_FROM, "malformed 'from'");
            return;
        }
        if (!peer.mayComeFrom(from.domain())) {
            LOG.infof("closing s2s stream with %s: stanza claims 'from' domain %s", stream.link.describe(),
                    from.domain());
            stream.closeWithError(StreamErrorCondition.INVALID_FROM, "'from' is not a domain this stream authenticated");
            return;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (StanzaErrorException e) {
            // 'to' is malformed (RFC 6120 §8.3.3.8): answer the sender, whose address is known to be good.
            Stanza original = Stanza.of(element.withAttribute("to", null));
            services.router().bounce(original.withTo(null), e.error());
            return;
        }
        if (!peer.mayGoTo(stanza.to().domain())) {
            stream.closeWithError(StreamErrorCondition.HOST_UNKNOWN, "this server does not serve " + stanza.to().domain());
            return;
        }
        if (services.localOnly().keptLocal(stanza.to())) {
            // Answered as for an account that does not exist (RFC 6121 §8.5.1): presence is ignored,
            // the rest gets service-unavailable, and nothing about the account is revealed. The server
            // answers in its own name: the account itself may not send anything out.
            if (!stanza.isPresence()) {
                services.router().bounce(stanza.withTo(Jid.parse(stanza.to().domain())),
                        StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
            }
            return;
        }
        if (!services.rates().tryAcquire(from.domain())) {
            LOG.debugf("rate limit exceeded by %s", from.domain());
            services.router().bounce(stanza, StanzaError.of(StanzaErrorCondition.RESOURCE_CONSTRAINT,
                    "too many stanzas from " + from.domain()));
            return;
        }
        services.router().route(stanza);
    }
}
