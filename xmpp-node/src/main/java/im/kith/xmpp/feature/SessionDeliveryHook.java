package im.kith.xmpp.feature;

import im.kith.xmpp.stanza.Stanza;

/**
 * Sees a stanza about to be written to one client session, on that session's event loop. Returns the
 * stanza to write (possibly changed), or null when the hook keeps it (e.g. CSI queueing) or drops it.
 */
@FunctionalInterface
public interface SessionDeliveryHook {
    Stanza beforeWrite(LocalSession session, Stanza stanza);
}
