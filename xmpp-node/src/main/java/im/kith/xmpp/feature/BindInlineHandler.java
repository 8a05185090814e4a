package im.kith.xmpp.feature;

import im.kith.xmpp.xml.Element;

/**
 * Enables a session feature that a client asked for inside its Bind 2 request (XEP-0386 §2.2), for
 * example {@code <enable xmlns='urn:xmpp:carbons:2'/>}. Runs on the new session's event loop after its
 * resource is bound and before the SASL2 {@code <success/>} is written, so nothing reaches the client
 * before the feature is on.
 */
@FunctionalInterface
public interface BindInlineHandler {

    /**
     * @param session the freshly bound session
     * @param request the child of {@code <bind/>} this handler was registered for
     * @return an element for the {@code <bound/>} response (XEP-0386 §2.2, e.g. XEP-0198
     *         {@code <enabled/>}), or null when the feature has nothing to say
     */
    Element enable(LocalSession session, Element request);
}
