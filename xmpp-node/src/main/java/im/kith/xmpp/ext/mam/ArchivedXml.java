package im.kith.xmpp.ext.mam;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StoredElements;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlWriter;

/**
 * Archived messages as text: written in the {@code jabber:client} namespace, read back through the
 * node's own stream decoder (so stored text obeys the same XML restrictions as client input).
 */
@Singleton
public class ArchivedXml {
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
        return StoredElements.read(text, limits, "archived message");
    }
}
