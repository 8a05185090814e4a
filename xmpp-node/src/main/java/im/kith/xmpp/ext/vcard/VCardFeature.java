package im.kith.xmpp.ext.vcard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlLimits;

/** XEP-0054 vcard-temp: publishing one's own vCard and reading anyone's on their bare JID. */
@ApplicationScoped
public class VCardFeature implements XmppFeature {
    static final String NS = "vcard-temp";

    private final VCardStore store;
    private final Blocking blocking;
    private final VCardConfig config;
    private final Clock clock;
    private final XmlLimits readLimits;

    @Inject
    public VCardFeature(VCardStore store, Blocking blocking, VCardConfig config, Clock clock, NodeConfig node) {
        this.store = store;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
        NodeConfig.Limits l = node.limits();
        this.readLimits = new XmlLimits(Math.max(config.maxBytes(), l.stanzaBytes()) + 1024, l.depth(), l.attributes());
    }

    @Override
    public String name() {
        return "vcard";
    }

    @Override
    public void register(FeatureContext ctx) {
        // XEP-0054 §2 (and XEP-0153 §3): support is advertised as 'vcard-temp'.
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        ctx.discoFeature(DiscoTarget.ACCOUNT, NS);
        ctx.iq(IqRoute.accountGet(NS), this::get);
        ctx.iq(IqRoute.accountSet(NS), this::set);
    }

    /**
     * XEP-0054 §3.1 and §3.3: anyone may read an account's vCard on its bare JID; an account that has
     * published none gets an empty {@code <vCard/>}. A JID that is no account is service-unavailable
     * (RFC 6121 §8.5.1).
     */
    private CompletionStage<Element> get(IqRequest req) {
        vcardPayload(req);
        String owner = req.target().local();
        return blocking.supply(() -> switch (store.find(owner)) {
            case VCardStore.Lookup.NoAccount n -> throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            case VCardStore.Lookup.Found f -> f.xml() == null ? Element.of("vCard", NS) : VCardXml.read(f.xml(), readLimits);
        });
    }

    /**
     * XEP-0054 §3.2: a user publishes their own vCard with an IQ set to their bare JID (or none); a
     * vCard larger than {@code kith.vcard.max-bytes} is refused with not-acceptable.
     */
    private CompletionStage<Element> set(IqRequest req) {
        Element vcard = vcardPayload(req);
        if (!req.fromOwner() || req.session() == null) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only the owner may publish a vCard");
        }
        String xml = VCardXml.write(vcard);
        int size = xml.getBytes(StandardCharsets.UTF_8).length;
        if (size > config.maxBytes()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "vCard of " + size + " bytes exceeds the limit of " + config.maxBytes() + " bytes");
        }
        String owner = req.target().local();
        return blocking.supply(() -> {
            store.save(owner, xml, clock.instant());
            return null;
        });
    }

    private static Element vcardPayload(IqRequest req) {
        Element payload = req.iq().payload();
        if (!payload.name().equals("vCard")) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "expected <vCard xmlns='vcard-temp'/>");
        }
        return payload;
    }
}
