package im.kith.xmpp.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import im.kith.xmpp.feature.AccountDeliveryHook;
import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.UndeliverableHandler;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * Delivers stanzas addressed to local accounts to their sessions, by the rules of RFC 6121 §8.5:
 * account delivery hooks first, then the choice of resources, then the undeliverable handlers
 * (offline storage) for messages nobody is online to receive.
 */
@Singleton
public class LocalDelivery {
    private final SessionRegistry sessions;
    private final FeatureRegistry features;
    private final Provider<Router> router;

    @Inject
    public LocalDelivery(SessionRegistry sessions, FeatureRegistry features, Provider<Router> router) {
        this.sessions = sessions;
        this.features = features;
        this.router = router;
    }

    public List<LocalSession> sessions(Jid bare) {
        return sessions.sessions(bare);
    }

    /**
     * Delivers a stanza to a local bare or full JID; the stage completes once it is delivered, stored or
     * refused (see {@link Router#route}).
     */
    public CompletionStage<Void> deliver(Jid to, Stanza stanza) {
        Delivery delivery = new Delivery(stanza);
        Jid account = to.bare();
        for (AccountDeliveryHook hook : features.accountDeliveryHooks()) {
            if (hook.onDelivery(account, delivery) == HookResult.HANDLED) {
                return Router.HANDLED;
            }
        }
        Stanza s = delivery.stanza();
        if (!to.isBare()) {
            LocalSession target = sessions.session(to);
            if (target != null) {
                target.deliver(s);
                return Router.HANDLED;
            }
            return toUnboundResource(account, s);
        }
        return toBareJid(account, s);
    }

    private CompletionStage<Void> toUnboundResource(Jid account, Stanza s) {
        switch (s.kind()) {
            case MESSAGE -> {
                String type = s.type();
                if ("groupchat".equals(type)) {
                    // RFC 6121 §8.5.3.2.1: SHOULD return service-unavailable.
                    router.get().bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
                } else if (!"headline".equals(type) && !"error".equals(type)) {
                    // RFC 6121 §8.5.3.2.1: normal and chat messages are treated as if sent to the bare JID.
                    return toBareJid(account, s);
                }
            }
            case IQ -> router.get().bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
            case PRESENCE -> {
                // RFC 6121 §8.5.3.2.3: presence to an unbound full JID is ignored (subscription
                // presence is handled on the bare JID by the presence feature's hook).
            }
        }
        return Router.HANDLED;
    }

    private CompletionStage<Void> toBareJid(Jid account, Stanza s) {
        List<LocalSession> all = sessions.sessions(account);
        switch (s.kind()) {
            case MESSAGE -> {
                return messageToBare(account, s, all);
            }
            case PRESENCE -> {
                // RFC 6121 §8.5.2.1.2: presence to the bare JID goes to all available resources.
                for (LocalSession session : all) {
                    if (session.available()) {
                        session.deliver(s);
                    }
                }
            }
            case IQ -> {
                if (s.isIqRequest()) {
                    router.get().bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
                }
            }
        }
        return Router.HANDLED;
    }

    private CompletionStage<Void> messageToBare(Jid account, Stanza s, List<LocalSession> all) {
        String type = s.type() == null ? "normal" : s.type();
        if (type.equals("groupchat")) {
            // RFC 6121 §8.5.2.1.1: groupchat to a bare JID gets service-unavailable.
            router.get().bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
            return Router.HANDLED;
        }
        if (type.equals("error")) {
            return Router.HANDLED;
        }
        List<LocalSession> targets = type.equals("headline") ? nonNegative(all) : mostAvailable(all);
        if (!targets.isEmpty()) {
            for (LocalSession session : targets) {
                session.deliver(s);
            }
            return Router.HANDLED;
        }
        if (type.equals("headline")) {
            return Router.HANDLED; // RFC 6121 §8.5.2.2.1: headline messages are not stored.
        }
        for (UndeliverableHandler handler : features.undeliverableHandlers()) {
            Optional<CompletionStage<Void>> taken = handler.take(account, s);
            if (taken.isPresent()) {
                return taken.get();
            }
        }
        router.get().bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        return Router.HANDLED;
    }

    private static List<LocalSession> nonNegative(List<LocalSession> all) {
        List<LocalSession> out = new ArrayList<>(all.size());
        for (LocalSession s : all) {
            if (s.available() && s.priority() >= 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** RFC 6121 §8.5.2.1.1: the available resources with the highest non-negative priority. */
    private static List<LocalSession> mostAvailable(List<LocalSession> all) {
        int best = -1;
        for (LocalSession s : all) {
            if (s.available() && s.priority() > best) {
                best = s.priority();
            }
        }
        if (best < 0) {
            return List.of();
        }
        List<LocalSession> out = new ArrayList<>(2);
        for (LocalSession s : all) {
            if (s.available() && s.priority() == best) {
                out.add(s);
            }
        }
        return out;
    }
}
