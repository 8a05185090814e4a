package im.kith.xmpp.ext.pep;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StoredElements;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlWriter;

/** Stored payloads as text and back, read through the node's stream decoder and its restrictions. */
@ApplicationScoped
public class StoredXml {
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
        return StoredElements.read(text, limits, "stored payload");
    }
}
