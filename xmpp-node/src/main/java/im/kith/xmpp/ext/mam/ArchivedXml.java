package im.kith.xmpp.ext.mam;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlViolation;
import im.kith.xmpp.xml.XmlWriter;

/**
 * Archived messages as text: written in the {@code jabber:client} namespace, read back through the
 * node's own stream decoder (so stored text obeys the same XML restrictions as client input).
 */
@ApplicationScoped
public class ArchivedXml {
    private static final byte[] HEADER = ("<stream:stream xmlns='" + Ns.CLIENT + "' xmlns:stream='"
            + Ns.STREAMS + "'>").getBytes(StandardCharsets.UTF_8);

    private final XmlLimits limits;

    @Inject
    public ArchivedXml(NodeConfig config) {
        NodeConfig.Limits l = config.limits();
        // Room for what the server added (stanza-id) to a message that met the client limits.
        this.limits = new XmlLimits(l.stanzaBytes() + 1024, l.depth() + 1, l.attributes());
    }

    public String write(Element message) {
        return XmlWriter.toXml(message, Ns.CLIENT);
    }

    /** @throws IllegalArgumentException when the text is not one element */
    public Element read(String text) {
        Collector c = new Collector();
        XmlStreamDecoder decoder = new XmlStreamDecoder(c, limits);
        decoder.feed(HEADER);
        decoder.feed(text.getBytes(StandardCharsets.UTF_8));
        if (c.element == null) {
            throw new IllegalArgumentException("archived message unreadable: " + c.problem);
        }
        return c.element;
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
