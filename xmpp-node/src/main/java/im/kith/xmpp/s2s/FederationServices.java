package im.kith.xmpp.s2s;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.tls.TlsMaterialSource;
import im.kith.xmpp.xml.XmlLimits;

/** The shared services of server-to-server streams, gathered so that a stream is cheap to create. */
@ApplicationScoped
public class FederationServices {
    private final FederationConfig config;
    private final FederationPolicy policy;
    private final PeerCertificateVerifier verifier;
    private final DialbackKeys keys;
    private final FederationStatus status;
    private final InboundRateLimiter rates;
    private final LocalOnlyAccounts localOnly;
    private final Router router;
    private final TlsMaterialSource tls;
    private final Clock clock;
    private final XmlLimits preAuthLimits;
    private final XmlLimits limits;

    @Inject
    public FederationServices(NodeConfig node, FederationConfig config, FederationPolicy policy,
            PeerCertificateVerifier verifier, DialbackKeys keys, FederationStatus status, InboundRateLimiter rates,
            Router router, TlsMaterialSource tls, Clock clock, LocalOnlyAccounts localOnly) {
        this.config = config;
        this.policy = policy;
        this.verifier = verifier;
        this.keys = keys;
        this.status = status;
        this.rates = rates;
        this.localOnly = localOnly;
        this.router = router;
        this.tls = tls;
        this.clock = clock;
        NodeConfig.Limits l = node.limits();
        this.preAuthLimits = new XmlLimits(l.preAuthStanzaBytes(), l.depth(), l.attributes());
        this.limits = new XmlLimits(l.stanzaBytes(), l.depth(), l.attributes());
    }

    public FederationConfig config() {
        return config;
    }

    public FederationPolicy policy() {
        return policy;
    }

    public PeerCertificateVerifier verifier() {
        return verifier;
    }

    public DialbackKeys keys() {
        return keys;
    }

    public FederationStatus status() {
        return status;
    }

    public InboundRateLimiter rates() {
        return rates;
    }

    /** Accounts that may not talk to other servers. */
    public LocalOnlyAccounts localOnly() {
        return localOnly;
    }

    public Router router() {
        return router;
    }

    public Clock clock() {
        return clock;
    }

    /** The local domain stanzas come from when they have no 'from'. */
    public String domain() {
        return router.domain().domain();
    }

    /** Whether our own certificate names {@code domain}, so a peer could accept SASL EXTERNAL from us. */
    public boolean ownCertificateCovers(String domain) {
        return ServiceIdentity.matches(tls.current().leaf(), domain);
    }

    /** Limits before a stream is authenticated (RFC 6120 §13.12). */
    public XmlLimits preAuthLimits() {
        return preAuthLimits;
    }

    /** The stanza limits of authenticated streams, as for clients. */
    public XmlLimits limits() {
        return limits;
    }
}
