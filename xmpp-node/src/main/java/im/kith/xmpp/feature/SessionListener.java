package im.kith.xmpp.feature;

/** Told about client session life-cycle events, on the session's event loop. */
public interface SessionListener {

    /** A resource was bound. */
    default void bound(LocalSession session) {
    }

    /** The session ended (stream closed, connection lost, or replaced). */
    default void closed(LocalSession session) {
    }
}
