package im.kith.xmpp.xml;

import java.nio.charset.StandardCharsets;

/**
 * Reads an element the node stored as text (archived messages, offline stanzas, PEP items, vCards)
 * through the same {@link XmlStreamDecoder} and RFC 6120 §11 restrictions as client input, so stored
 * text can never be more than a stanza could have been.
 */
public final class StoredElements {
    /** Elements are stored in the {@code jabber:client} content namespace (or with their own xmlns). */
    private static final byte[] HEADER = ("<stream:stream xmlns='jabber:client' xmlns:stream='"
            + XmlStreamDecoder.STREAMS_NS + "'>").getBytes(StandardCharsets.UTF_8);

    private StoredElements() {
    }

    /**
     * Parses one stored element.
     *
     * @param what names the data in the error message, e.g. "archived message"
     * @throws IllegalArgumentException when the text is not one element within the limits
     */
    public static Element read(String text, XmlLimits limits, String what) {
        Collector collector = new Collector();
        XmlStreamDecoder decoder = new XmlStreamDecoder(collector, limits);
        decoder.feed(HEADER);
        decoder.feed(text.getBytes(StandardCharsets.UTF_8));
        if (collector.element == null) {
            throw new IllegalArgumentException(what + " unreadable: " + collector.problem);
        }
        return collector.element;
    }

    private static final class Collector implements XmlStreamHandler {
        Element element;
        String problem = "incomplete";

        @Override
        public void onStreamOpen(StreamHeader header) {
        }

        @Override
        public void onElement(Element e) {
            if (element == null) {
                element = e;
            }
        }

        @Override
        public void onStreamClose() {
        }

        @Override
        public void onViolation(XmlViolation violation, String detail) {
            problem = violation + ": " + detail;
        }
    }
}
