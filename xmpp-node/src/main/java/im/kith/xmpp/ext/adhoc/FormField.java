package im.kith.xmpp.ext.adhoc;

import java.util.List;

import im.kith.xmpp.xml.Element;

/** A field of a XEP-0004 form to show (§3.2 field types). */
public record FormField(String var, String type, String label, boolean required, List<String> values) {

    public static FormField hidden(String var, String value) {
        return new FormField(var, "hidden", null, false, List.of(value));
    }

    public static FormField of(String type, String var, String label, boolean required) {
        return new FormField(var, type, label, required, List.of());
    }

    public static FormField result(String type, String var, String label, List<String> values) {
        return new FormField(var, type, label, false, values);
    }

    /** A form element of the given type ("form" or "result") with a title and these fields. */
    public static Element form(String type, String title, List<FormField> fields) {
        Element.Builder x = Element.builder("x", SubmittedForm.NS).attribute("type", type);
        if (title != null) {
            x.child(Element.builder("title", SubmittedForm.NS).text(title).build());
        }
        fields.forEach(f -> x.child(f.toElement()));
        return x.build();
    }

    Element toElement() {
        Element.Builder f = Element.builder("field", SubmittedForm.NS).attribute("var", var).attribute("type", type)
                .attribute("label", label);
        if (required) {
            f.child(Element.of("required", SubmittedForm.NS));
        }
        values.forEach(v -> f.child(Element.builder("value", SubmittedForm.NS).text(v).build()));
        return f.build();
    }
}
