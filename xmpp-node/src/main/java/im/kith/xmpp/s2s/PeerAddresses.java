package im.kith.xmpp.s2s;

/**
 * What a stream's peer has proven, and so which addresses it may put on the stanzas it sends
 * (RFC 6120 §4.9.3.9 invalid-from, §4.9.3.6 host-unknown; XEP-0288 §2.2 for bidirectional streams).
 */
interface PeerAddresses {

    /** Whether the peer may send stanzas from this domain. */
    boolean mayComeFrom(String domain);

    /** Whether the peer may send stanzas to this (local) domain over this stream. */
    boolean mayGoTo(String domain);
}
