package im.kith.xmpp.router;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.jboss.logging.Logger;

import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.feature.IqHandler;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.IqRoute.IqTarget;
import im.kith.xmpp.feature.IqRoute.IqType;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** Hands IQ requests to the feature registered for their {@link IqRoute} and routes the answer back. */
@ApplicationScoped
public class IqDispatcher {
    private static final Logger LOG = Logger.getLogger(IqDispatcher.class);

    private final FeatureRegistry features;
    private final Provider<Router> router;

    @Inject
    public IqDispatcher(FeatureRegistry features, Provider<Router> router) {
        this.features = features;
        this.router = router;
    }

    public void dispatch(Stanza iq, Jid target, IqTarget kind, LocalSession session) {
        Element payload = iq.payload();
        IqType type = IqType.of(iq.type());
        if (payload == null || type == null || iq.element().elements().size() != 1) {
            // RFC 6120 §8.2.3: get and set carry exactly one payload element.
            reply(iq, null, new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "an IQ request needs exactly one child element"));
            return;
        }
        IqHandler handler = features.iqHandler(new IqRoute(kind, type, payload.namespace()));
        if (handler == null) {
            // RFC 6120 §8.4: an IQ nobody understands gets service-unavailable.
            reply(iq, null, new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE));
            return;
        }
        CompletionStage<Element> result;
        try {
            result = handler.handle(new IqRequest(iq, target, session));
        } catch (RuntimeException e) {
            reply(iq, null, e);
            return;
        }
        result.whenComplete((answer, failure) -> reply(iq, answer, failure));
    }

    private void reply(Stanza iq, Element payload, Throwable failure) {
        if (failure == null && payload == IqHandler.ANSWERED) {
            return;
        }
        Stanza answer;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            answer = iq.resultWith(payload);
        } else if (cause instanceof StanzaErrorException s) {
            answer = iq.errorReply(s.error());
        } else {
            LOG.errorf(cause, "IQ handler failed for %s", iq.payload() == null ? "?" : iq.payload().namespace());
            answer = iq.errorReply(StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR));
        }
        if (answer.from() == null) {
            answer = answer.withFrom(iq.from() == null ? null : iq.from().bare());
        }
        router.get().route(answer);
    }
}
