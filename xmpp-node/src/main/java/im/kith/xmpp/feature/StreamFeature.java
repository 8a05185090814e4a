package im.kith.xmpp.feature;

import im.kith.xmpp.xml.Element;

/** Contributes a child of {@code <stream:features/>} (RFC 6120 §4.3.2). */
public interface StreamFeature {

    /** The stream phase the feature is offered in. */
    enum Phase {
        /** Secured but not yet authenticated (e.g. in-band registration). */
        PRE_AUTH,
        /** Authenticated (e.g. stream management, CSI). */
        POST_AUTH
    }

    /** The feature element for this session and phase, or null to offer nothing. */
    Element offer(Phase phase, LocalSession session);
}
