package im.kith.xmpp.ext.adhoc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import im.kith.xmpp.xml.Element;

/** The values of a submitted XEP-0004 form ({@code <x type='submit'/>}), by field var. */
public record SubmittedForm(Map<String, List<String>> values) {
    public static final String NS = "jabber:x:data";

    public SubmittedForm {
        values = Map.copyOf(values);
    }

    static SubmittedForm empty() {
        return new SubmittedForm(Map.of());
    }

    /** Reads the form among a command's children, or an empty one. */
    static SubmittedForm of(Element command) {
        Element x = command.child("x", NS);
        if (x == null || !"submit".equals(x.attribute("type"))) {
            return empty();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element field : x.elements("field", NS)) {
            String var = field.attribute("var");
            if (var != null) {
                List<String> v = new ArrayList<>();
                field.elements("value", NS).forEach(e -> v.add(e.text()));
                out.put(var, List.copyOf(v));
            }
        }
        return new SubmittedForm(out);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** All values of a field (empty when absent). */
    public List<String> all(String var) {
        return values.getOrDefault(var, List.of());
    }

    /** The first non-blank value of a field, stripped, or null. */
    public String first(String var) {
        for (String v : all(var)) {
            if (!v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
