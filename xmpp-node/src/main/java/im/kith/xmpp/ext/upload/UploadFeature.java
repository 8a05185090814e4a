package im.kith.xmpp.ext.upload;

import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaErrorType;
import im.kith.xmpp.xml.Element;

/**
 * The upload component {@code share.DOMAIN}: its service discovery (XEP-0363 §3) and slot requests
 * (§4). Only accounts of this server get slots.
 */
@ApplicationScoped
public class UploadFeature implements XmppFeature {
    static final String NS = "urn:xmpp:http:upload:0";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    static final String DATA = "jabber:x:data";
    private static final Logger LOG = Logger.getLogger(UploadFeature.class);

    private final SlotService slots;
    private final Provider<Router> router;
    private final String localDomain;

    public UploadFeature(SlotService slots, Provider<Router> router, NodeConfig node) {
        this.slots = slots;
        this.router = router;
        this.localDomain = Jid.domain(node.domain()).domain();
    }

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public void register(FeatureContext ctx) {
        // §2: the service is found among the server's disco#items.
        ctx.discoItem(slots.domain(), "HTTP File Upload");
        ctx.component(slots.domain(), this::receive);
    }

    private void receive(Stanza stanza, LocalSession session) {
        if (!stanza.isIqRequest()) {
            if (stanza.isMessage()) {
                router.get().bounce(stanza, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
            }
            return;
        }
        Element payload = stanza.payload();
        boolean get = "get".equals(stanza.type());
        if (payload == null || stanza.to().local() != null || stanza.to().resource() != null) {
            reply(stanza, null, new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        } else if (get && payload.is("query", DISCO_INFO) && payload.attribute("node") == null) {
            reply(stanza, info(), null);
        } else if (get && payload.is("query", DISCO_ITEMS)) {
            reply(stanza, Element.builder("query", DISCO_ITEMS).attribute("node", payload.attribute("node")).build(), null);
        } else if (get && payload.is("request", NS)) {
            request(stanza, payload);
        } else if (payload.is("query", DISCO_INFO)) {
            reply(stanza, null, new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND));
        } else {
            reply(stanza, null, new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        }
    }

    /** §3: identity store/file, the feature, and the maximum file size as a XEP-0128 form. */
    Element info() {
        return Element.builder("query", DISCO_INFO)
                .child(Element.builder("identity", DISCO_INFO).attribute("category", "store").attribute("type", "file")
                        .attribute("name", "HTTP File Upload").build())
                .child(Element.builder("feature", DISCO_INFO).attribute("var", DISCO_INFO).build())
                .child(Element.builder("feature", DISCO_INFO).attribute("var", NS).build())
                .child(Element.builder("x", DATA).attribute("type", "result")
                        .child(field("FORM_TYPE", "hidden", NS))
                        .child(field("max-file-size", null, Long.toString(slots.maxFileSize())))
                        .build())
                .build();
    }

    private static Element field(String var, String type, String value) {
        return Element.builder("field", DATA).attribute("var", var).attribute("type", type)
                .child(Element.builder("value", DATA).text(value).build()).build();
    }

    private void request(Stanza iq, Element payload) {
        Jid from = iq.from();
        if (from == null || from.local() == null || !localDomain.equals(from.domain())) {
            reply(iq, null, new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only accounts of " + localDomain + " may upload here"));
            return;
        }
        SlotRequest request;
        try {
            request = SlotRequest.parse(payload);
        } catch (StanzaErrorException e) {
            reply(iq, null, e);
            return;
        }
        slots.request(from.local(), request).whenComplete((grant, failure) -> {
            if (failure != null) {
                reply(iq, null, failure);
                return;
            }
            switch (grant) {
                case SlotGrant.Granted g -> reply(iq, slot(g.slot()), null);
                case SlotGrant.TooLarge t -> reply(iq, null, new StanzaErrorException(new StanzaError(
                        StanzaErrorType.MODIFY, StanzaErrorCondition.NOT_ACCEPTABLE,
                        "File too large. The maximum file size is " + t.maxFileSize() + " bytes",
                        // §4.1: file-too-large with max-file-size.
                        Element.builder("file-too-large", NS).textChild("max-file-size", Long.toString(t.maxFileSize()))
                                .build())));
                case SlotGrant.QuotaReached q -> reply(iq, null, new StanzaErrorException(new StanzaError(
                        StanzaErrorType.WAIT, StanzaErrorCondition.RESOURCE_CONSTRAINT,
                        "Daily upload quota reached",
                        // §4.1: a quota error SHOULD say when to retry.
                        Element.builder("retry", NS).attribute("stamp", q.retry().toString()).build())));
                case SlotGrant.StorageFull s -> reply(iq, null, new StanzaErrorException(
                        StanzaErrorCondition.RESOURCE_CONSTRAINT, "The server's upload storage is full"));
            }
        });
    }

    private Element slot(Slot slot) {
        String url = slots.url(slot);
        // §4: the put URL with the header the client MUST include, and the get URL.
        return Element.builder("slot", NS)
                .child(Element.builder("put", NS).attribute("url", url)
                        .child(Element.builder("header", NS).attribute("name", "Authorization")
                                .text(slots.authorization(slot)).build())
                        .build())
                .child(Element.builder("get", NS).attribute("url", url).build())
                .build();
    }

    private void reply(Stanza iq, Element payload, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        Stanza answer;
        if (cause == null) {
            answer = iq.resultWith(payload);
        } else if (cause instanceof StanzaErrorException e) {
            answer = iq.errorReply(e.error());
        } else {
            LOG.error("slot request failed", cause);
            answer = iq.errorReply(StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR));
        }
        router.get().route(answer);
    }
}
