package im.kith.xmpp.s2s;

/** What the transport tells a stream about its connection; called on the connection's event loop. */
public interface LinkHandler {

    /** Bytes arrived. */
    void receive(byte[] data);

    /** The connection closed, by either side. */
    void connectionClosed();

    /** The peer does not read what is written (the transport's write queue is full). */
    void writeQueueFull();
}
