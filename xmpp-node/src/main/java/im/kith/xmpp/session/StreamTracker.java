package im.kith.xmpp.session;

import java.util.concurrent.CompletionStage;

import im.kith.xmpp.stanza.Stanza;

/**
 * Follows the stanzas crossing a session's stream and decides whether the session outlives the loss of
 * its connection: the attachment point of XEP-0198 stream management. A session has at most one; every
 * method runs on the session's event loop.
 */
public interface StreamTracker {

    /**
     * The client sent a stanza. It counts toward 'h' (XEP-0198 §4) once {@code handled} completes: when the
     * server has taken responsibility for it, by delivering it, storing it or refusing it with an error to
     * the sender. {@code handled} may complete on any thread, usually at once.
     */
    void received(ClientSession session, CompletionStage<Void> handled);

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
