package im.kith.xmpp.feature;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;

/**
 * Takes a message for a local account that has no available resource (RFC 6121 §8.5.2.2), e.g. to
 * store it for later delivery. Returns false when it did not take the message.
 */
@FunctionalInterface
public interface UndeliverableHandler {
    boolean take(Jid account, Stanza message);
}
