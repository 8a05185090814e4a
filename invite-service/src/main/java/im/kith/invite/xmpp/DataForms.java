package im.kith.invite.xmpp;

import java.util.HashMap;
import java.util.Map;

import im.kith.xmpp.xml.Element;

/** The few XEP-0004 data form pieces the registration and command handlers need. */
final class DataForms {
    static final String NS = "jabber:x:data";

    private DataForms() {
    }

    /** A form of {@code type} (form, result) with a hidden FORM_TYPE (XEP-0068 §3). */
    static Element.Builder form(String type, String formType, String title) {
        Element.Builder b = Element.builder("x", NS).attribute("type", type);
        if (title != null) {
            b.child(Element.builder("title", NS).text(title).build());
        }
        return b.child(field("FORM_TYPE", "hidden", null, formType, false));
    }

    static Element field(String var, String type, String label, String value, boolean required) {
        Element.Builder f = Element.builder("field", NS).attribute("var", var).attribute("type", type);
        if (label != null) {
            f.attribute("label", label);
        }
        if (required) {
            f.child(Element.of("required", NS));
        }
        if (value != null) {
            f.child(Element.builder("value", NS).text(value).build());
        }
        return f.build();
    }

    /** The first value of each field of a submitted form under {@code parent}, empty if there is none. */
    static Map<String, String> values(Element parent) {
        Map<String, String> values = new HashMap<>();
        Element x = parent == null ? null : parent.child("x", NS);
        if (x == null) {
            return values;
        }
        for (Element f : x.elements("field", NS)) {
            String var = f.attribute("var");
            Element v = f.child("value", NS);
            if (var != null && v != null) {
                values.putIfAbsent(var, v.text());
            }
        }
        return values;
    }
}
