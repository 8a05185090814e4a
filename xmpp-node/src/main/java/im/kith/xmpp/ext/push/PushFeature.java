package im.kith.xmpp.ext.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0357 for the account owner's server: enable and disable IQs, the account disco feature, and the
 * delivery hook that notices messages for away devices. Its hook runs after the archive's (order 50),
 * only observes messages, and takes the app servers' answers to publishes.
 */
@ApplicationScoped
public class PushFeature implements XmppFeature {
    static final String NS = "urn:xmpp:push:0";

    private final Registrations registrations;
    private final PushNotifier notifier;

    public PushFeature(Registrations registrations, PushNotifier notifier) {
        this.registrations = registrations;
        this.notifier = notifier;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void register(FeatureContext ctx) {
        // §3.1: the account owner's server advertises support on the account's bare JID.
        ctx.discoFeature(DiscoTarget.ACCOUNT, NS);
        ctx.iq(IqRoute.accountSet(NS), this::command);
        ctx.accountDelivery(this::delivered);
        ctx.sessionListener(new SessionListener() {
            @Override
            public void bound(LocalSession session) {
                notifier.deviceOnline(session.jid());
            }

            @Override
            public void resumed(LocalSession session) {
                notifier.deviceOnline(session.jid());
            }
        });
    }

    private CompletionStage<Element> command(IqRequest req) {
        if (!req.fromOwner() || req.session() == null || req.session().jid() == null) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only the account itself manages its push");
        }
        Element payload = req.iq().payload();
        String owner = req.sender().local();
        Jid service = service(payload);
        String node = payload.attribute("node");
        if (payload.name().equals("enable")) {
            // §5: the enable element MUST carry the app server's jid and the node.
            if (node == null || node.isBlank()) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "enable needs a node");
            }
            Registration r = new Registration(owner, req.session().jid().resource(), service, node,
                    publishOptions(payload));
            return registrations.enable(r).thenApply(v -> null);
        }
        if (payload.name().equals("disable")) {
            // §6: without a node, every registration with that app server is disabled.
            return registrations.disable(owner, service, node).thenApply(v -> null);
        }
        throw new StanzaErrorException(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED);
    }

    private static Jid service(Element payload) {
        String jid = payload.attribute("jid");
        if (jid == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the app server's jid is required");
        }
        try {
            return Jid.parse(jid);
        } catch (JidException e) {
            throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "invalid app server jid");
        }
    }

    /** §5: an optional publish-options form; its FORM_TYPE must be the pubsub one. */
    private static Map<String, String> publishOptions(Element enable) {
        Element x = enable.child("x", PushNotifier.DATA);
        Map<String, String> out = new LinkedHashMap<>();
        if (x == null) {
            return out;
        }
        for (Element field : x.elements("field", PushNotifier.DATA)) {
            String var = field.attribute("var");
            String value = field.childText("value", PushNotifier.DATA);
            if ("FORM_TYPE".equals(var)) {
                if (!PushNotifier.PUBLISH_OPTIONS.equals(value)) {
                    throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                            "the form must be of type " + PushNotifier.PUBLISH_OPTIONS);
                }
            } else if (var != null && value != null) {
                out.put(var, value);
            }
        }
        if (out.size() > 16) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "too many publish options");
        }
        return out;
    }

    private HookResult delivered(Jid account, Delivery delivery) {
        Stanza s = delivery.stanza();
        if (s.isIq() && !s.isIqRequest() && s.to() != null && s.to().isBare()) {
            return notifier.answer(s) ? HookResult.HANDLED : HookResult.CONTINUE;
        }
        if (s.isMessage() && worthNotifying(s)) {
            notifier.messageArrived(account, s);
        }
        return HookResult.CONTINUE;
    }

    /** Messages a user would want to know about: with a body, or encrypted, or a call proposal. */
    private static boolean worthNotifying(Stanza s) {
        String type = s.type();
        if ("error".equals(type) || "groupchat".equals(type) || "headline".equals(type)) {
            return false;
        }
        for (Element child : s.element().elements()) {
            if (child.name().equals("body") || child.name().equals("encrypted")
                    || child.is("propose", "urn:xmpp:jingle-message:0")) {
                return true;
            }
        }
        return false;
    }
}
