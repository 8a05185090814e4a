package im.kith.xmpp.s2s;

import im.kith.xmpp.xml.Element;

/** The two XEP-0288 elements: the stream feature and the request. */
final class Bidi {
    /** XEP-0288 §2.1: offered by the receiving server in its stream features. */
    static final String FEATURE = "<bidi xmlns='" + S2sNs.BIDI_FEATURE + "'/>";
    /** XEP-0288 §2.2: sent by the connecting server to enable bidirectionality. */
    static final String REQUEST = "<bidi xmlns='" + S2sNs.BIDI + "'/>";

    private Bidi() {
    }

    /** Whether these stream features offer bidirectional streams. */
    static boolean offered(Element features) {
        return features.child("bidi", S2sNs.BIDI_FEATURE) != null;
    }

    /** Whether this top-level element asks for a bidirectional stream. */
    static boolean isRequest(Element e) {
        return e.is("bidi", S2sNs.BIDI);
    }
}
