package im.kith.xmpp.feature;

import im.kith.xmpp.xml.Element;

/** Qualified name of an element: the typed key for stream element handlers. */
public record ElementKey(String name, String namespace) {

    public static ElementKey of(Element element) {
        return new ElementKey(element.name(), element.namespace());
    }
}
