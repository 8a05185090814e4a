package im.kith.bench.xml;

import java.util.List;
import java.util.Map;

/**
 * An immutable XML element: qualified by its namespace, attributes by local name, child elements in
 * document order and the concatenated character data directly inside it.
 */
public record Element(String name, String namespace, Map<String, String> attributes, List<Element> children,
        String text) {

    public Element {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The attribute's value, or {@code null} when absent. */
    public String attribute(String localName) {
        return attributes.get(localName);
    }

    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }

    /** The first child with this name and namespace, or {@code null}. */
    public Element child(String localName, String ns) {
        for (Element child : children) {
            if (child.is(localName, ns)) {
                return child;
            }
        }
        return null;
    }

    /** The first child with this local name in any namespace, or {@code null}. */
    public Element child(String localName) {
        for (Element child : children) {
            if (child.name.equals(localName)) {
                return child;
            }
        }
        return null;
    }

    /** Text of the first child with this local name, or {@code null}. */
    public String childText(String localName) {
        Element child = child(localName);
        return child == null ? null : child.text;
    }
}
