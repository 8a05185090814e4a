package im.kith.xmpp.xml;


/**
 * Serialises elements. A child whose namespace equals its parent's inherits the default namespace, so
 * stanzas written inside a {@code jabber:client} stream carry no redundant declarations.
 */
public final class XmlWriter {
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private XmlWriter() {
    }

    /**
     * Writes {@code element} as it appears inside a parent whose default namespace is
     * {@code inheritedNamespace} (null: always declare).
     */
    public static String toXml(Element element, String inheritedNamespace) {
        StringBuilder sb = new StringBuilder(128);
        write(element, inheritedNamespace, sb);
        return sb.toString();
    }

    public static void write(Element e, String inheritedNamespace, StringBuilder out) {
        out.append('<').append(e.name());
        if (!e.namespace().equals(inheritedNamespace)) {
            out.append(" xmlns=\"");
            escape(e.namespace(), out, true);
            out.append('"');
        }
        int prefixes = 0;
        Attributes attributes = (Attributes) e.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            String key = attributes.key(i);
            out.append(' ');
            if (key.startsWith("{")) {
                int close = key.indexOf('}');
                String ns = key.substring(1, close);
                String local = key.substring(close + 1);
                if (XML_NS.equals(ns)) {
                    out.append("xml:").append(local);
                } else {
                    String prefix = "a" + prefixes++;
                    out.append("xmlns:").append(prefix).append("=\"");
                    escape(ns, out, true);
                    out.append("\" ").append(prefix).append(':').append(local);
                }
            } else {
                out.append(key);
            }
            out.append("=\"");
            escape(attributes.value(i), out, true);
            out.append('"');
        }
        if (e.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node n : e.children()) {
            switch (n) {
                case Element child -> write(child, e.namespace(), out);
                case Text t -> escape(t.value(), out, false);
            }
        }
        out.append("</").append(e.name()).append('>');
    }

    /** Escapes character data or an attribute value. */
    public static void escape(String s, StringBuilder out, boolean attribute) {
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '>' || c == '&' || attribute && (c == '"' || c == '\'')) {
                out.append(s, from, i);
                out.append(switch (c) {
                    case '<' -> "&lt;";
                    case '>' -> "&gt;";
                    case '&' -> "&amp;";
                    case '"' -> "&quot;";
                    default -> "&apos;";
                });
                from = i + 1;
            }
        }
        out.append(s, from, n);
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        escape(s, sb, true);
        return sb.toString();
    }
}
