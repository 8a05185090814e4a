package im.kith.xmpp.im.presence;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/**
 * Presence (RFC 6121 §3, §4): takes the presence a local client sends and the subscription stanzas and
 * probes addressed to local accounts; everything else about presence is plain routing.
 */
@ApplicationScoped
public class PresenceFeature implements XmppFeature {
    static final String PRE_APPROVAL_NS = "urn:xmpp:features:pre-approval";

    private final SubscriptionService subscriptions;
    private final PresenceBroadcaster broadcaster;
    private final Router router;

    PresenceFeature(SubscriptionService subscriptions, PresenceBroadcaster broadcaster, Router router) {
        this.subscriptions = subscriptions;
        this.broadcaster = broadcaster;
        this.router = router;
    }

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.inbound(this::fromClient);
        ctx.accountDelivery(this::toAccount);
        ctx.sessionListener(new SessionListener() {
            @Override
            public void closed(LocalSession session) {
                // §4.5.2: when a session ends the server MUST broadcast unavailable presence on its behalf.
                broadcaster.closed(session);
            }
        });
        // §3.4: a server that supports pre-approvals advertises it as a stream feature.
        Element preApproval = Element.of("sub", PRE_APPROVAL_NS);
        ctx.streamFeature((phase, session) -> phase == StreamFeature.Phase.POST_AUTH ? preApproval : null);
    }

    /** Presence from a local client, 'from' already stamped with its full JID. */
    private HookResult fromClient(LocalSession session, Stanza stanza) {
        if (!stanza.isPresence()) {
            return HookResult.CONTINUE;
        }
        String type = stanza.type();
        if (!PresenceSyntax.knownType(type)) {
            // §4.7.1: the type is one of the defined values.
            return refuse(stanza, "unknown presence type '" + type + "'");
        }
        if ("error".equals(type) || "probe".equals(type)) {
            // Errors go back to whoever caused them; a probe is answered by the probed account's server (§4.3.2).
            return HookResult.CONTINUE;
        }
        SubscriptionType subscription = SubscriptionType.of(type);
        if (subscription != null) {
            if (stanza.to() == null) {
                // §3.1.1: a subscription stanza is addressed to the contact.
                return refuse(stanza, "a subscription stanza needs a 'to' address");
            }
            subscriptions.outbound(session, subscription, stanza);
            return HookResult.HANDLED;
        }
        String problem = PresenceSyntax.problem(stanza);
        if (problem != null) {
            return refuse(stanza, problem);
        }
        if (stanza.to() != null) {
            // §4.6: directed presence is routed as it is; the recipient is remembered for unavailable presence.
            DirectedPresence.remember(session, stanza);
            return HookResult.CONTINUE;
        }
        if (type == null) {
            broadcaster.available(session, stanza);
        } else {
            broadcaster.unavailable(session, stanza);
        }
        return HookResult.HANDLED;
    }

    /** A stanza for a local account: subscription stanzas and probes are the server's to answer. */
    private HookResult toAccount(Jid account, Delivery delivery) {
        Stanza stanza = delivery.stanza();
        if (!stanza.isPresence() || stanza.from() == null) {
            return HookResult.CONTINUE;
        }
        SubscriptionType subscription = SubscriptionType.of(stanza.type());
        if (subscription != null) {
            subscriptions.inbound(account, subscription, stanza);
            return HookResult.HANDLED;
        }
        if ("probe".equals(stanza.type())) {
            broadcaster.answerProbe(account, stanza);
            return HookResult.HANDLED;
        }
        return HookResult.CONTINUE;
    }

    private HookResult refuse(Stanza stanza, String why) {
        router.bounce(stanza, StanzaError.of(StanzaErrorCondition.BAD_REQUEST, why));
        return HookResult.HANDLED;
    }
}
