package im.kith.xmpp.feature;

import im.kith.xmpp.stanza.Stanza;

/** Receives stanzas addressed to a local component domain or its JIDs. */
@FunctionalInterface
public interface ComponentHandler {

    /**
     * @param session the sending local client session, or null when the stanza came from elsewhere
     */
    void receive(Stanza stanza, LocalSession session);
}
