package im.kith.xmpp.feature;

import im.kith.xmpp.xml.Element;

/** Handles a first-level non-stanza element on a client stream, on the session's event loop. */
@FunctionalInterface
public interface StreamElementHandler {

    /**
     * @param session       the session: null before authentication; authenticated but before resource
     *                      binding, one whose {@link LocalSession#jid()} is null
     * @param authenticated whether the stream is authenticated (handlers for post-auth elements must
     *                      refuse otherwise)
     */
    void handle(LocalSession session, Element element, boolean authenticated);
}
