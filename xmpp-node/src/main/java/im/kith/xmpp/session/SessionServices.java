package im.kith.xmpp.session;

import java.time.Clock;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.router.SessionRegistry;
import im.kith.xmpp.sasl.SaslMechanisms;
import im.kith.xmpp.xml.XmlLimits;

/** The shared services every client stream uses, gathered so that a stream is cheap to create. */
@Singleton
public class SessionServices {
    private final NodeConfig config;
    private final FeatureRegistry features;
    private final Router router;
    private final SessionRegistry registry;
    private final SaslMechanisms mechanisms;
    private final Clock clock;
    private final Sasl2Services sasl2;
    private final XmlLimits preAuthLimits;
    private final XmlLimits limits;

    @Inject
    public SessionServices(NodeConfig config, FeatureRegistry features, Router router, SessionRegistry registry,
            SaslMechanisms mechanisms, Clock clock, Sasl2Services sasl2) {
        this.config = config;
        this.features = features;
        this.router = router;
        this.registry = registry;
        this.mechanisms = mechanisms;
        this.clock = clock;
        this.sasl2 = sasl2;
        NodeConfig.Limits l = config.limits();
        this.preAuthLimits = new XmlLimits(l.preAuthStanzaBytes(), l.depth(), l.attributes());
        this.limits = new XmlLimits(l.stanzaBytes(), l.depth(), l.attributes());
    }

    public NodeConfig config() {
        return config;
    }

    public String domain() {
        return config.domain();
    }

    public FeatureRegistry features() {
        return features;
    }

    public Router router() {
        return router;
    }

    public SessionRegistry registry() {
        return registry;
    }

    public SaslMechanisms mechanisms() {
        return mechanisms;
    }

    public Clock clock() {
        return clock;
    }

    /** SASL2, FAST and Bind 2 (XEP-0388, XEP-0484, XEP-0386). */
    public Sasl2Services sasl2() {
        return sasl2;
    }

    /** Limits before authentication (RFC 6120 §13.12: keep unauthenticated resource use small). */
    public XmlLimits preAuthLimits() {
        return preAuthLimits;
    }

    public XmlLimits limits() {
        return limits;
    }
}
