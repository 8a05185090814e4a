package im.kith.xmpp.ext.carbons;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.ElementKey;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** XEP-0280 Message Carbons. */
@ApplicationScoped
public class CarbonsFeature implements XmppFeature {
    private final Router router;
    /** Carbons-enabled sessions; read from every event loop, so concurrent. */
    private final Set<LocalSession> enabled = ConcurrentHashMap.newKeySet();

    @Inject
    public CarbonsFeature(Router router) {
        this.router = router;
    }

    @Override
    public String name() {
        return "carbons";
    }

    /** After policy (blocking) and storage (archive) hooks: copies carry what they stamped. */
    @Override
    public int order() {
        return 200;
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.discoFeature(DiscoTarget.SERVER, Carbons.NS); // §3
        ctx.iq(IqRoute.accountSet(Carbons.NS), this::toggle);
        ctx.iq(IqRoute.serverSet(Carbons.NS), this::toggle);
        // XEP-0386 §2.2: enabled inline by Bind 2, which "MUST succeed" and has no answer.
        ctx.bindInline(new ElementKey("enable", Carbons.NS), (session, request) -> {
            enabled.add(session);
            return null;
        });
        ctx.inbound(this::sent);
        ctx.accountDelivery(this::received);
        ctx.sessionListener(new SessionListener() {
            @Override
            public void closed(LocalSession session) {
                enabled.remove(session);
            }
        });
    }

    /** §4 enable and §5 disable; repeating either is not an error (§10.1). */
    private CompletionStage<Element> toggle(IqRequest request) {
        LocalSession session = request.session();
        boolean own = session != null && session.jid() != null && session.jid().equals(request.sender())
                && (request.target().local() == null || request.fromOwner());
        if (!own) {
            // §4.1, §5.1: not-allowed for a client not hosted here or for another account's resources.
            return CompletableFuture.failedFuture(new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED,
                    "carbons can only be changed for your own resource"));
        }
        Element payload = request.iq().payload();
        switch (payload.name()) {
            case "enable" -> enabled.add(session);
            case "disable" -> enabled.remove(session);
            default -> {
                return CompletableFuture.failedFuture(new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                        "expected <enable/> or <disable/>"));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** §8: a message a resource sends is copied to the account's other Carbons-enabled resources. */
    private HookResult sent(LocalSession sender, Stanza stanza) {
        if (!stanza.isMessage() || enabled.isEmpty()) {
            return HookResult.CONTINUE;
        }
        Jid account = sender.jid().bare();
        if (stanza.to() == null || stanza.to().bare().equals(account)
                || !Carbons.eligible(stanza, Carbons.Direction.SENT)) {
            return HookResult.CONTINUE; // to the account itself: the receiving side copies it
        }
        for (LocalSession other : router.sessions(account)) {
            if (other != sender && enabled.contains(other)) {
                other.deliver(Carbons.copy(Carbons.Direction.SENT, account, other.jid(), stanza));
            }
        }
        return HookResult.CONTINUE;
    }

    /**
     * §7: a message for the account is copied to the Carbons-enabled resources that do not get the
     * original. First, §11: only the account's own bare JID sends carbons; a message from anyone else
     * loses the carbons it claims, and is dropped if nothing else is left. A {@code <private/>} marker
     * (§9) is removed once it has kept the message from being copied.
     */
    private HookResult received(Jid account, Delivery delivery) {
        Stanza stanza = delivery.stanza();
        if (!stanza.isMessage()) {
            return HookResult.CONTINUE;
        }
        if (Carbons.isCarbon(stanza.element()) && !account.equals(stanza.from())) {
            Element cleaned = Carbons.withoutCarbons(stanza.element());
            if (cleaned.elements().isEmpty()) {
                return HookResult.HANDLED;
            }
            stanza = stanza.withElement(cleaned);
            delivery.replace(stanza);
        }
        boolean eligible = !enabled.isEmpty() && Carbons.eligible(stanza, Carbons.Direction.RECEIVED);
        Element withoutPrivate = stanza.element().withoutChildren(e -> e.is("private", Carbons.NS));
        if (withoutPrivate != stanza.element()) {
            // §9 has served its purpose here; the marker is not passed on (some clients fail on it).
            stanza = stanza.withElement(withoutPrivate);
            delivery.replace(stanza);
        }
        if (!eligible) {
            return HookResult.CONTINUE;
        }
        List<LocalSession> sessions = router.sessions(account);
        List<LocalSession> direct = Recipients.of(stanza, sessions);
        for (LocalSession s : sessions) {
            if (enabled.contains(s) && !direct.contains(s) && !s.jid().equals(stanza.from())) {
                s.deliver(Carbons.copy(Carbons.Direction.RECEIVED, account, s.jid(), stanza));
            }
        }
        return HookResult.CONTINUE;
    }
}
