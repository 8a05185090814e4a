package im.kith.xmpp.ext.blocking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0191 Blocking Command. A policy feature: its hooks run before those that store or copy
 * stanzas, so a blocked stanza is neither delivered nor archived.
 */
@ApplicationScoped
public class BlockingFeature implements XmppFeature {
    static final String ERRORS_NS = "urn:xmpp:blocking:errors";

    private final BlockLists lists;
    private final BlockCommands commands;
    private final Provider<Router> router;
    private final Jid domain;

    @Inject
    public BlockingFeature(BlockLists lists, BlockCommands commands, Provider<Router> router, NodeConfig config) {
        this.lists = lists;
        this.commands = commands;
        this.router = router;
        this.domain = Jid.domain(config.domain());
    }

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void register(FeatureContext ctx) {
        // §3.1: support is discovered on the user's server.
        ctx.discoFeature(DiscoTarget.SERVER, BlockCommands.NS);
        ctx.discoFeature(DiscoTarget.ACCOUNT, BlockCommands.NS);
        ctx.iq(IqRoute.accountGet(BlockCommands.NS), commands::blocklist);
        ctx.iq(IqRoute.accountSet(BlockCommands.NS), commands::command);
        ctx.inbound(this::outbound);
        ctx.accountDelivery(this::inbound);
    }

    /** Whether a stanza between an account and this address is exempt: own resources, the server. */
    private boolean exempt(Jid account, Jid other) {
        // XEP-0191 §5 (after XEP-0016): never block a user's resources from each other.
        return other == null || other.bare().equals(account.bare()) || other.equals(domain);
    }

    /**
     * §3.3: a stanza the user sends to a blocked JID is not routed; the user gets not-acceptable with
     * the {@code <blocked/>} application condition (errors are never answered, RFC 6120 §8.3.1).
     */
    private HookResult outbound(LocalSession session, Stanza stanza) {
        Jid to = stanza.to();
        if (exempt(session.jid(), to) || !lists.of(session.localpart()).blocks(to)) {
            return HookResult.CONTINUE;
        }
        boolean answerable = !stanza.isError() && (!stanza.isIq() || stanza.isIqRequest());
        if (answerable) {
            StanzaError error = StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE)
                    .withApplicationCondition(Element.of("blocked", ERRORS_NS));
            // Straight to the session: routed, the error would come "from" the blocked JID and be dropped.
            session.deliver(stanza.errorReply(error));
        }
        return HookResult.HANDLED;
    }

    /**
     * §3.3: nothing from a blocked JID reaches the user. Presence is dropped silently (MUST); IQ get/set
     * gets service-unavailable (MUST), other IQs are dropped (MUST); messages are dropped without an
     * error (the SHOULD of service-unavailable is not followed, so that the blocked sender cannot tell a
     * block from an offline account whose messages are stored). Presence the server would send on a
     * blocking user's behalf to a local contact it blocked (broadcasts, probe answers) is dropped too.
     */
    private HookResult inbound(Jid account, Delivery delivery) {
        Stanza s = delivery.stanza();
        Jid from = s.from();
        if (exempt(account, from)) {
            return HookResult.CONTINUE;
        }
        if (lists.of(account.local()).blocks(from)) {
            if (s.isIqRequest()) {
                router.get().bounce(s, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
            }
            return HookResult.HANDLED;
        }
        if (s.isPresence() && from.local() != null && from.domain().equals(domain.domain())
                && lists.of(from.local()).blocks(account)) {
            return HookResult.HANDLED;
        }
        return HookResult.CONTINUE;
    }
}
