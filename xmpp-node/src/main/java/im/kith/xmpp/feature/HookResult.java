package im.kith.xmpp.feature;

/** What a hook did with a stanza. */
public enum HookResult {
    /** Go on with the next hook and then the default processing. */
    CONTINUE,
    /** The hook took care of the stanza; stop here. */
    HANDLED
}
