package im.kith.xmpp.im.roster;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlViolation;
import im.kith.xmpp.xml.XmlWriter;

/**
 * Turns stanzas into text for the IM tables (pending subscription requests, offline messages) and back.
 * Reading goes through the node's own stream decoder, so stored text meets the same rules and limits
 * as a stanza from a client.
 */
@ApplicationScoped
public class StoredStanzas {
    private static final byte[] STREAM_HEADER = ("<stream:stream xmlns='" + Ns.CLIENT + "' xmlns:stream='"
            + Ns.STREAMS + "'>").getBytes(StandardCharsets.UTF_8);

    private final XmlLimits limits;

    public StoredStanzas(NodeConfig config) {
        NodeConfig.Limits l = config.limits();
        this.limits = new XmlLimits(l.stanzaBytes(), l.depth(), l.attributes());
    }

    /** The stanza as stored: its element serialised in the {@code jabber:client} namespace. */
    public String write(Stanza stanza) {
        return XmlWriter.toXml(stanza.element(), Ns.CLIENT);
    }

    /**
     * Reads a stored stanza.
     *
     * @throws IllegalArgumentException when the text is not one stanza
     */
    public Stanza read(String stored) {
        Collector collector = new Collector();
        XmlStreamDecoder decoder = new XmlStreamDecoder(collector, limits);
        decoder.feed(STREAM_HEADER);
        decoder.feed(stored.getBytes(StandardCharsets.UTF_8));
        if (collector.element == null) {
            throw new IllegalArgumentException("stored stanza unreadable: " + collector.problem);
        }
        return Stanza.of(collector.element);
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
