package im.kith.xmpp.s2s;

/** Namespaces of server-to-server streams. */
final class S2sNs {
    /** XEP-0220 §2: dialback elements on the stream. */
    static final String DIALBACK = "jabber:server:dialback";
    /** XEP-0220 §3.1: the dialback stream feature. */
    static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";
    /** XEP-0288 §2.1: the bidirectional-streams stream feature. */
    static final String BIDI_FEATURE = "urn:xmpp:features:bidi";
    /** XEP-0288 §2.2: the element that asks for a bidirectional stream. */
    static final String BIDI = "urn:xmpp:bidi";

    private S2sNs() {
    }
}
