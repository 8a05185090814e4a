package im.kith.xmpp.router;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.ComponentHandler;
import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.feature.IqRoute.IqTarget;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * Decides where a stanza goes (RFC 6120 §10, RFC 6121 §8): the server itself, a local component, a
 * local account, or another domain. Runs on the caller's thread; everything it touches is either
 * immutable or concurrent, and delivery to a session hops onto that session's event loop.
 */
@Singleton
public class Router {
    /** The outcome of {@link #route} for a stanza the server is done with at once. */
    public static final CompletionStage<Void> HANDLED = CompletableFuture.completedStage(null);

    private final Jid domain;
    private final FeatureRegistry features;
    private final IqDispatcher iqs;
    private final LocalDelivery local;
    private final Instance<RemoteRouter> remote;

    @Inject
    public Router(NodeConfig config, FeatureRegistry features, IqDispatcher iqs, LocalDelivery local,
            Instance<RemoteRouter> remote) {
        this.domain = Jid.domain(config.domain());
        this.features = features;
        this.iqs = iqs;
        this.local = local;
        this.remote = remote;
    }

    /** The served domain. */
    public Jid domain() {
        return domain;
    }

    /** Whether a domain is served here: the main domain or a registered component. */
    public boolean isLocalDomain(String d) {
        return domain.domain().equals(d) || features.component(Jid.domain(d)) != null;
    }

    /**
     * Routes a stanza; its 'from' must already be trustworthy (stamped by the session or checked by
     * the server-to-server layer).
     *
     * @param session the local client session that sent it, or null
     * @return completes once the server has taken responsibility for the stanza (XEP-0198 §4 "handled"):
     *         at once when it was delivered to a session, handed to a feature, a component or another
     *         domain, or refused; later when it waits to be stored (offline storage), once it is stored or
     *         refused with an error to the sender. It never completes exceptionally.
     */
    public CompletionStage<Void> route(Stanza stanza, LocalSession session) {
        Jid to = stanza.to();
        if (to == null) {
            return routeWithoutTo(stanza, session);
        }
        if (!to.domain().equals(domain.domain())) {
            ComponentHandler component = features.component(Jid.domain(to.domain()));
            if (component != null) {
                component.receive(stanza, session);
            } else {
                remote.get().send(stanza);
            }
            return HANDLED;
        }
        if (to.local() == null) {
            toServer(stanza, session);
        } else if (stanza.isIqRequest() && to.isBare()) {
            // RFC 6121 §8.5.2.1.3 / RFC 6120 §10.5.3.1: the server answers IQs to bare JIDs for the account.
            iqs.dispatch(stanza, to, IqTarget.ACCOUNT, session);
        } else {
            return local.deliver(to, stanza);
        }
        return HANDLED;
    }

    /** Routes a stanza that did not come from a local client session. */
    public CompletionStage<Void> route(Stanza stanza) {
        return route(stanza, null);
    }

    private CompletionStage<Void> routeWithoutTo(Stanza stanza, LocalSession session) {
        Jid from = stanza.from();
        if (stanza.isIqRequest() && from != null && from.local() != null) {
            // RFC 6120 §10.3.3: no 'to' means the sender's own account.
            iqs.dispatch(stanza, from.bare(), IqTarget.ACCOUNT, session);
        } else if (stanza.isMessage() && from != null && from.local() != null) {
            // RFC 6121 §8.1.1.1: a message without 'to' is treated as addressed to the sender's bare JID.
            return local.deliver(from.bare(), stanza.withTo(from.bare()));
        }
        // Presence without 'to' is broadcast by the presence feature's inbound hook before reaching here.
        return HANDLED;
    }

    private void toServer(Stanza stanza, LocalSession session) {
        if (stanza.isIqRequest()) {
            iqs.dispatch(stanza, domain, IqTarget.SERVER, session);
        } else if (stanza.isMessage() && !stanza.isError()) {
            bounce(stanza, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        }
        // Presence to the server and IQ responses nobody waits for are ignored (RFC 6120 §8.2.3).
    }

    /** Answers a stanza with an error, unless it is an error itself (RFC 6120 §8.3.1). */
    public void bounce(Stanza stanza, StanzaError error) {
        if (stanza.isError() || stanza.from() == null) {
            return;
        }
        if (stanza.isIq() && !stanza.isIqRequest()) {
            return;
        }
        Stanza reply = stanza.errorReply(error);
        if (reply.from() == null) {
            reply = reply.withFrom(domain);
        }
        route(reply);
    }

    /** The local sessions of an account; for features that fan out (presence, carbons). */
    public List<LocalSession> sessions(Jid bare) {
        return local.sessions(bare);
    }
}
