package im.kith.xmpp.ext.pep;

import java.util.LinkedHashMap;
import java.util.Map;

import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * Node configuration as XEP-0004 data forms: the {@code pubsub#node_config} form of XEP-0060 §8.2 and
 * the {@code pubsub#publish-options} preconditions of §7.1.5 and XEP-0223.
 */
final class ConfigForm {
    static final String ACCESS_MODEL = "pubsub#access_model";
    static final String MAX_ITEMS = "pubsub#max_items";
    static final String PERSIST_ITEMS = "pubsub#persist_items";
    static final String SEND_LAST = "pubsub#send_last_published_item";
    static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    private static final String FORM_TYPE = "FORM_TYPE";

    private ConfigForm() {
    }

    /** The submitted fields (first value each), without FORM_TYPE; empty for no form. */
    static Map<String, String> fields(Element x) {
        Map<String, String> out = new LinkedHashMap<>();
        if (x == null) {
            return out;
        }
        if (!x.is("x", PepNs.DATA)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "expected a jabber:x:data form");
        }
        for (Element field : x.elements("field", PepNs.DATA)) {
            String var = field.attribute("var");
            if (var == null) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a form field without 'var'");
            }
            if (!FORM_TYPE.equals(var)) {
                String value = field.childText("value", PepNs.DATA);
                out.put(var, value == null ? "" : value.strip());
            }
        }
        return out;
    }

    /**
     * The settings with the submitted fields applied. XEP-0060 §8.2.5: an unsupported field or value
     * gets not-acceptable.
     */
    static NodeSettings apply(NodeSettings base, Map<String, String> fields, int maxItemsCap) {
        NodeSettings s = base;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String v = f.getValue();
            s = switch (f.getKey()) {
                case ACCESS_MODEL -> s.withAccessModel(require(AccessModel.of(v), f.getKey(), v));
                case MAX_ITEMS -> s.withMaxItems(maxItems(v, maxItemsCap));
                case PERSIST_ITEMS -> s.withPersistItems(bool(f.getKey(), v));
                case SEND_LAST -> s.withSendLast(require(SendLast.of(v), f.getKey(), v));
                case NOTIFY_RETRACT -> s.withNotifyRetract(bool(f.getKey(), v));
                default -> throw notAcceptable("unsupported configuration field " + f.getKey());
            };
        }
        return s;
    }

    /**
     * XEP-0060 §7.1.5: whether an existing node's configuration satisfies the publish-options. A field
     * this service does not support cannot be satisfied.
     */
    static boolean satisfies(NodeSettings node, Map<String, String> options, int maxItemsCap) {
        try {
            return apply(node, options, maxItemsCap).equals(node);
        } catch (StanzaErrorException e) {
            return false;
        }
    }

    /** The {@code conflict} error with {@code <precondition-not-met/>} of XEP-0060 §7.1.5. */
    static StanzaErrorException preconditionNotMet() {
        return new StanzaErrorException(StanzaError.of(StanzaErrorCondition.CONFLICT,
                "the node's configuration does not match the publish-options")
                .withApplicationCondition(Element.of("precondition-not-met", PepNs.ERRORS)));
    }

    /** The configuration form of XEP-0060 §8.2.1 for the fields this service supports. */
    static Element form(NodeSettings s, int maxItemsCap) {
        Element.Builder x = Element.builder("x", PepNs.DATA).attribute("type", "form");
        x.child(field(FORM_TYPE, "hidden", null, PepNs.NODE_CONFIG));
        x.child(options(field(ACCESS_MODEL, "list-single", "Who may read the items", s.accessModel().value()),
                "open", "presence", "whitelist"));
        x.child(field(MAX_ITEMS, "text-single", "Most items kept (or 'max' = " + maxItemsCap + ")",
                Integer.toString(s.maxItems())));
        x.child(field(PERSIST_ITEMS, "boolean", "Keep items", s.persistItems() ? "true" : "false"));
        x.child(options(field(SEND_LAST, "list-single", "When to send the last published item", s.sendLast().value()),
                "never", "on_sub", "on_sub_and_presence"));
        x.child(field(NOTIFY_RETRACT, "boolean", "Notify when items are retracted", s.notifyRetract() ? "true" : "false"));
        return x.build();
    }

    private static Element field(String var, String type, String label, String value) {
        return Element.builder("field", PepNs.DATA).attribute("var", var).attribute("type", type)
                .attribute("label", label)
                .child(Element.builder("value", PepNs.DATA).text(value).build()).build();
    }

    private static Element options(Element field, String... values) {
        Element f = field;
        for (String v : values) {
            f = f.withChild(Element.builder("option", PepNs.DATA)
                    .child(Element.builder("value", PepNs.DATA).text(v).build()).build());
        }
        return f;
    }

    private static int maxItems(String v, int cap) {
        if ("max".equals(v)) {
            return cap;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= cap) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw notAcceptable(MAX_ITEMS + " must be 'max' or a number from 1 to " + cap);
    }

    private static boolean bool(String var, String v) {
        return switch (v) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw notAcceptable(var + " must be a boolean");
        };
    }

    private static <T> T require(T value, String var, String given) {
        if (value == null) {
            throw notAcceptable("unsupported value '" + given + "' for " + var);
        }
        return value;
    }

    private static StanzaErrorException notAcceptable(String text) {
        return new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, text);
    }
}
