package im.kith.xmpp.feature;

import java.util.concurrent.CompletionStage;

import im.kith.xmpp.xml.Element;

/**
 * Answers IQ requests. The stage completes with the result payload (null for an empty result), or
 * exceptionally with a {@link im.kith.xmpp.stanza.StanzaErrorException} for an error reply; any other
 * failure becomes {@code internal-server-error}. Handlers run on the requester's event loop and must
 * move blocking work off it (see {@link im.kith.xmpp.support.Blocking}).
 */
@FunctionalInterface
public interface IqHandler {

    /**
     * Payload meaning "the handler already sent the reply itself" (e.g. before ending the session that
     * asked); the dispatcher then sends nothing. Compared by identity.
     */
    Element ANSWERED = Element.of("answered", "urn:kith:internal");

    CompletionStage<Element> handle(IqRequest request);
}
