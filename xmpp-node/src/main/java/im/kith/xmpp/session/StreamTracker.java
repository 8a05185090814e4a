package im.kith.xmpp.session;

import im.kith.xmpp.stanza.Stanza;

/**
 * Follows the stanzas crossing a session's stream and decides whether the session outlives the loss of
 * its connection: the attachment point of XEP-0198 stream management. A session has at most one; every
 * method runs on the session's event loop.
 */
public interface StreamTracker {

    /** The client sent a stanza and the server handled it (XEP-0198 §4: it counts toward 'h'). */
    void received(ClientSession session);

    /**
     * A stanza goes to the client: written now, or lost with the connection while the session is
     * detached. Stanzas re-sent with {@link ClientSession#resend} are not reported again.
     */
    void sent(ClientSession session, Stanza stanza);

    /**
     * The connection under the session was lost without a closing stream tag (XEP-0198 §7): true keeps
     * the session bound, detached from any stream, until it is resumed or {@link ClientSession#expire}d.
     */
    boolean retain(ClientSession session);

    /** The session ended for good: closed, expired, replaced or shut down. Called once. */
    void ended(ClientSession session);
}
