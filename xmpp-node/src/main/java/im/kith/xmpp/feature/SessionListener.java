package im.kith.xmpp.feature;

/** Told about client session life-cycle events, on the session's event loop. */
public interface SessionListener {

    /** A resource was bound. */
    default void bound(LocalSession session) {
    }

    /** The session ended (stream closed, connection lost, or replaced). */
    default void closed(LocalSession session) {
    }

    /**
     * A session that had lost its connection was resumed on a new stream (XEP-0198 §5); stream-scoped
     * state such as XEP-0352 client state starts afresh.
     */
    default void resumed(LocalSession session) {
    }
}
