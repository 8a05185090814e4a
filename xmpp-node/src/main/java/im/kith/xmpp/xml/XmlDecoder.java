package im.kith.xmpp.xml;

/**
 * Turns a peer's bytes into {@link XmlStreamHandler} events. {@link XmlStreamDecoder} reads one long
 * XML stream (RFC 6120 §4 over TCP); {@link XmlFrameDecoder} reads one element per transport message
 * (RFC 7395 WebSocket, XEP-0206 BOSH). Fed from one thread, the connection's event loop.
 */
public interface XmlDecoder {

    /** Parses the given bytes, delivering every event they complete. */
    void feed(byte[] data);

    /** Expects a new stream opening (RFC 6120 §4.3.3, §5.4.3.3, §6.4.6). */
    void reset();

    /** Changes the limits, e.g. to the larger post-authentication stanza size. */
    void limits(XmlLimits limits);

    /** Whether bytes already fed wait unparsed (checked after {@code <starttls/>}). */
    boolean hasUnparsedInput();
}
