package im.kith.xmpp.ext.vcard;

import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StoredElements;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlWriter;

/** A stored vCard as text and back, read through the node's stream decoder and its restrictions. */
final class VCardXml {
    private VCardXml() {
    }

    static String write(Element vcard) {
        return XmlWriter.toXml(vcard, null);
    }

    /** @throws IllegalArgumentException when the text is not one element within the limits */
    static Element read(String text, XmlLimits limits) {
        return StoredElements.read(text, limits, "stored vCard");
    }
}
