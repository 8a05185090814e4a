package im.kith.xmpp.ext.vcard;

import java.nio.charset.StandardCharsets;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlViolation;
import im.kith.xmpp.xml.XmlWriter;

/** A stored vCard as text and back, read through the node's stream decoder and its restrictions. */
final class VCardXml {
    private static final byte[] HEADER = ("<stream:stream xmlns='" + Ns.CLIENT + "' xmlns:stream='"
            + Ns.STREAMS + "'>").getBytes(StandardCharsets.UTF_8);

    private VCardXml() {
    }

    static String write(Element vcard) {
        return XmlWriter.toXml(vcard, null);
    }

    /** @throws IllegalArgumentException when the text is not one element within the limits */
    static Element read(String text, XmlLimits limits) {
        Element[] found = new Element[1];
        String[] problem = {"incomplete"};
        XmlStreamDecoder decoder = new XmlStreamDecoder(new XmlStreamHandler() {
            @Override
            public void onStreamOpen(StreamHeader header) {
            }

            @Override
            public void onElement(Element e) {
                if (found[0] == null) {
                    found[0] = e;
                }
            }

            @Override
            public void onStreamClose() {
            }

            @Override
            public void onViolation(XmlViolation violation, String detail) {
                problem[0] = violation + ": " + detail;
            }
        }, limits);
        decoder.feed(HEADER);
        decoder.feed(text.getBytes(StandardCharsets.UTF_8));
        if (found[0] == null) {
            throw new IllegalArgumentException("stored vCard unreadable: " + problem[0]);
        }
        return found[0];
    }
}
