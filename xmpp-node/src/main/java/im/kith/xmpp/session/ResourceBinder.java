package im.kith.xmpp.session;

import java.security.SecureRandom;
import java.util.Base64;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.router.SessionRegistry.BindResult;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StreamErrorCondition;

/** Binds a resource to an authenticated stream (RFC 6120 §7), for legacy binding and Bind 2 alike. */
final class ResourceBinder {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How binding ended. */
    sealed interface Outcome {
        /** The session exists and is routable; the stream is not marked bound yet. */
        record Bound(ClientSession session) implements Outcome {
        }

        /** No session; the error tells why. */
        record Refused(StanzaError error) implements Outcome {
        }
    }

    private ResourceBinder() {
    }

    /** Binds {@code resource} for the account; an older session with the same full JID is replaced. */
    static Outcome bind(C2sStream stream, SessionServices services, String localpart, String resource) {
        Jid jid;
        try {
            jid = Jid.of(localpart, services.domain(), resource);
        } catch (JidException e) {
            // RFC 6120 §7.7.2.1: a resourcepart that violates the format rules gets bad-request.
            return new Outcome.Refused(StanzaError.of(StanzaErrorCondition.BAD_REQUEST, e.getMessage()));
        }
        ClientSession session = new ClientSession(jid, stream, services);
        BindResult result = services.registry().bind(session, services.config().c2s().maxResources());
        if (result instanceof BindResult.TooManyResources) {
            // RFC 6120 §7.6.2.1: resource-constraint when the account has too many resources.
            return new Outcome.Refused(new StanzaError(StanzaErrorCondition.RESOURCE_CONSTRAINT.defaultType(),
                    StanzaErrorCondition.RESOURCE_CONSTRAINT, "too many connected devices", null));
        }
        if (result instanceof BindResult.Bound b && b.replaced() != null) {
            // RFC 6120 §7.7.2.2: the server may terminate the older session with a conflict.
            b.replaced().closeWithError(StreamErrorCondition.CONFLICT, "replaced by a new connection");
        }
        stream.authenticatedLimits();
        return new Outcome.Bound(session);
    }

    /** A resource the server picks (RFC 6120 §7.6.2.1): random, so not guessable by others. */
    static String generated(String prefix) {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
