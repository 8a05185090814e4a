package im.kith.xmpp.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An immutable XML element: the unit the codec produces and the stanza model wraps.
 *
 * <p>Attribute keys are local names; the {@code xml:lang} attribute is kept as {@code xml:lang}, and
 * attributes in any other namespace as {@code {namespace}local}. Children keep document order.
 */
public record Element(String name, String namespace, Map<String, String> attributes, List<Node> children)
        implements Node {

    public Element {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        attributes = Attributes.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** Starts building an element. */
    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    /** An empty element. */
    public static Element of(String name, String namespace) {
        return new Element(name, namespace, Attributes.EMPTY, List.of());
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    /** The first child element with this name and namespace, or null. */
    public Element child(String childName, String childNamespace) {
        for (Node n : children) {
            if (n instanceof Element e && e.name.equals(childName) && e.namespace.equals(childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element in this namespace, whatever its name, or null. */
    public Element childInNamespace(String childNamespace) {
        for (Node n : children) {
            if (n instanceof Element e && e.namespace.equals(childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** All child elements. */
    public List<Element> elements() {
        List<Element> out = new ArrayList<>(children.size());
        for (Node n : children) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Child elements with this name and namespace. */
    public List<Element> elements(String childName, String childNamespace) {
        return elements().stream().filter(e -> e.is(childName, childNamespace)).toList();
    }

    /** The first child element, or null. */
    public Element firstElement() {
        for (Node n : children) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    public boolean is(String elementName, String elementNamespace) {
        return name.equals(elementName) && namespace.equals(elementNamespace);
    }

    /** Concatenated character data of the direct children. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Node n : children) {
            if (n instanceof Text t) {
                sb.append(t.value());
            }
        }
        return sb.toString();
    }

    /** Text of a child element, or null when there is no such child. */
    public String childText(String childName, String childNamespace) {
        Element c = child(childName, childNamespace);
        return c == null ? null : c.text();
    }

    public Element withAttribute(String key, String value) {
        Attributes a = ((Attributes) attributes).with(key, value);
        return a == attributes ? this : new Element(name, namespace, a, children);
    }

    public Element withChild(Node child) {
        List<Node> c = new ArrayList<>(children.size() + 1);
        c.addAll(children);
        c.add(child);
        return new Element(name, namespace, attributes, c);
    }

    public Element withoutChildren(Predicate<Element> which) {
        List<Node> c = new ArrayList<>(children.size());
        for (Node n : children) {
            if (!(n instanceof Element e && which.test(e))) {
                c.add(n);
            }
        }
        return c.size() == children.size() ? this : new Element(name, namespace, attributes, c);
    }

    public Element withChildren(List<? extends Node> newChildren) {
        return new Element(name, namespace, attributes, List.copyOf(newChildren));
    }

    /** Serialises as a standalone fragment (namespace always declared). */
    @Override
    public String toString() {
        return XmlWriter.toXml(this, null);
    }

    /** Mutable builder for elements; build() copies, so a builder may be reused. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        private Builder(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        public Builder attribute(String key, Object value) {
            if (value != null) {
                attributes.put(key, value.toString());
            }
            return this;
        }

        public Builder child(Node child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        public Builder children(List<? extends Node> nodes) {
            children.addAll(nodes);
            return this;
        }

        public Builder text(String text) {
            if (text != null && !text.isEmpty()) {
                children.add(new Text(text));
            }
            return this;
        }

        /** Adds {@code <childName>text</childName>} in the same namespace as this element. */
        public Builder textChild(String childName, String text) {
            if (text != null) {
                children.add(Element.builder(childName, namespace).text(text).build());
            }
            return this;
        }

        public Element build() {
            return new Element(name, namespace, attributes, children);
        }
    }
}
