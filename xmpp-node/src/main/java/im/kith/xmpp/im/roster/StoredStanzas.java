package im.kith.xmpp.im.roster;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StoredElements;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlWriter;

/**
 * Turns stanzas into text for the IM tables (pending subscription requests, offline messages) and back.
 * Reading goes through the node's own stream decoder, so stored text meets the same rules and limits
 * as a stanza from a client.
 */
@ApplicationScoped
public class StoredStanzas {
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
        return Stanza.of(StoredElements.read(stored, limits, "stored stanza"));
    }
}
