package im.kith.bench.xmpp;

import im.kith.bench.xml.Element;

/** Helpers for reading stanzas. */
public final class Stanzas {
    private Stanzas() {}

    /** The defined condition of a stanza error (RFC 6120 §8.3.3), or {@code undefined-condition}. */
    public static String errorCondition(Element stanza) {
        Element error = stanza.child("error");
        if (error != null) {
            for (Element child : error.children()) {
                if (Namespaces.STANZAS.equals(child.namespace())) {
                    return child.name();
                }
            }
        }
        return "undefined-condition";
    }
}
