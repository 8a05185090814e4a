package im.kith.xmpp.stanza;

/** The three stanza kinds of RFC 6120 §8. */
public enum StanzaKind {
    MESSAGE, PRESENCE, IQ
}
