package im.kith.xmpp.xml;

/** Receives what the {@link XmlStreamDecoder} reads, in order, on the thread that feeds it. */
public interface XmlStreamHandler {

    /** The stream root was opened. */
    void onStreamOpen(StreamHeader header);

    /** A complete first-level child of the stream (a stanza or a stream-level element). */
    void onElement(Element element);

    /** The peer closed the stream with {@code </stream:stream>}. */
    void onStreamClose();

    /** The input broke a rule; the decoder accepts no more input afterwards. */
    void onViolation(XmlViolation violation, String detail);
}
