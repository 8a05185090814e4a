package im.kith.xmpp.session;

/**
 * The steps of moving a session onto a new stream (XEP-0198 §5), supplied by the feature that asked for
 * it through {@link UnboundSession#resume}.
 */
public interface Resumption {

    /**
     * On the session's current event loop, before the takeover: false refuses it (for example an 'h'
     * larger than the number of stanzas sent).
     */
    boolean accept(ClientSession session);

    /** On the new stream's event loop, once the session writes to it and before anything else is written. */
    void resumed(ClientSession session);

    /** On the new stream's event loop, when the takeover was refused or the session ended meanwhile. */
    void refused();
}
