package im.kith.xmpp.ext.pep;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlViolation;
import im.kith.xmpp.xml.XmlWriter;

/** Stored payloads as text and back, read through the node's stream decoder and its restrictions. */
@ApplicationScoped
public class StoredXml {
    private static final byte[] HEADER = ("<stream:stream xmlns='" + Ns.CLIENT + "' xmlns:stream='"
            + Ns.STREAMS + "'>").getBytes(StandardCharsets.UTF_8);

    private final XmlLimits limits;

    public StoredXml(NodeConfig node, PepConfig config) {
        NodeConfig.Limits l = node.limits();
        this.limits = new XmlLimits(Math.max(config.maxItemBytes(), l.stanzaBytes()) + 1024, l.depth(), l.attributes());
    }

    /** The serialised element, as stored. */
    public static String write(Element payload) {
        return XmlWriter.toXml(payload, null);
    }

    /** The UTF-8 size of serialised XML, as counted against the storage limit. */
    public static int bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @throws IllegalArgumentException when the text is not one element within the limits */
    public Element read(String text) {
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
            throw new IllegalArgumentException("stored payload unreadable: " + problem[0]);
        }
        return found[0];
    }
}
