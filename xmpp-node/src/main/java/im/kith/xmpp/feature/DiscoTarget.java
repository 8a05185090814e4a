package im.kith.xmpp.feature;

/** Which disco#info (XEP-0030) a feature or identity is advertised on. */
public enum DiscoTarget {
    /** The server domain. */
    SERVER,
    /** Every local account's bare JID (e.g. PEP, XEP-0163 §6). */
    ACCOUNT
}
