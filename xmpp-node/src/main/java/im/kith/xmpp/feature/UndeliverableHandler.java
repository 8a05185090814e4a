package im.kith.xmpp.feature;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;

/**
 * Takes a message for a local account that has no available resource (RFC 6121 §8.5.2.2), e.g. to
 * store it for later delivery.
 */
@FunctionalInterface
public interface UndeliverableHandler {

    /**
     * @return empty when the handler did not take the message; else a stage that completes (never
     *         exceptionally) once the message is stored or has been refused with an error to its sender,
     *         which is when the server has handled it (XEP-0198 §4)
     */
    Optional<CompletionStage<Void>> take(Jid account, Stanza message);
}
