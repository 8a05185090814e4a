package im.kith.xmpp.ext.mam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * Reads a {@code <query xmlns='urn:xmpp:mam:2'/>} into a {@link MamQuery}, or says precisely what is wrong.
 * Shared by the account archives and the room archives of {@code ext.muc}.
 */
public final class QueryParser {
    public static final String DATA = "jabber:x:data";
    public static final String RSM = "http://jabber.org/protocol/rsm";
    /** Most ids one 'ids' field may name. */
    private static final int MAX_IDS = 250;

    private QueryParser() {
    }

    public static MamQuery parse(Element query) {
        Form f = new Form();
        Element form = query.child("x", DATA);
        if (form != null) {
            f.read(form);
        }
        Integer max = null;
        String after = null;
        String before = null;
        Element set = query.child("set", RSM);
        if (set != null) {
            if (set.child("index", RSM) != null) {
                throw error(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, "RSM <index/> is not supported; page with <after/> or <before/>");
            }
            String m = set.childText("max", RSM);
            if (m != null) {
                try {
                    max = Integer.parseInt(m.trim());
                } catch (NumberFormatException e) {
                    max = -1;
                }
                if (max < 0) {
                    throw error(StanzaErrorCondition.BAD_REQUEST, "RSM <max/> must be a non-negative integer");
                }
            }
            after = set.childText("after", RSM);
            if (after != null && after.isEmpty()) {
                throw error(StanzaErrorCondition.BAD_REQUEST, "RSM <after/> needs an id");
            }
            before = set.childText("before", RSM);
        }
        return new MamQuery(query.attribute("queryid"), f.with, f.start, f.end, f.afterId, f.beforeId, f.ids, max,
                after, before, query.child("flip-page", MamFeature.NS) != null);
    }

    private static StanzaErrorException error(StanzaErrorCondition condition, String text) {
        return new StanzaErrorException(condition, text);
    }

    /** The submitted data form (XEP-0004) of §4.1. */
    private static final class Form {
        Jid with;
        Instant start;
        Instant end;
        String afterId;
        String beforeId;
        List<String> ids;

        void read(Element x) {
            String type = x.attribute("type");
            if (type != null && !"submit".equals(type)) {
                throw error(StanzaErrorCondition.BAD_REQUEST, "the query form must be of type 'submit'");
            }
            for (Element field : x.elements("field", DATA)) {
                String var = field.attribute("var");
                List<String> values = field.elements("value", DATA).stream().map(Element::text).toList();
                String value = values.isEmpty() ? null : values.getFirst().trim();
                if (var == null) {
                    throw error(StanzaErrorCondition.BAD_REQUEST, "form field without 'var'");
                }
                switch (var) {
                    case "FORM_TYPE" -> {
                        // §4.1: the hidden FORM_TYPE is this protocol's namespace.
                        if (!MamFeature.NS.equals(value)) {
                            throw error(StanzaErrorCondition.BAD_REQUEST, "FORM_TYPE must be " + MamFeature.NS);
                        }
                    }
                    case "with" -> with = value == null || value.isEmpty() ? null : jid(value);
                    case "start" -> start = time(var, value);
                    case "end" -> end = time(var, value);
                    case "after-id" -> afterId = blankToNull(value);
                    case "before-id" -> beforeId = blankToNull(value);
                    case "ids" -> ids = ids(values);
                    // §4.1.5: a field the server does not recognise is feature-not-implemented.
                    default -> throw error(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, "unsupported query field '" + var + "'");
                }
            }
        }

        private static Jid jid(String value) {
            try {
                return Jid.parse(value);
            } catch (JidException e) {
                throw error(StanzaErrorCondition.BAD_REQUEST, "'with' is not a valid JID: " + e.getMessage());
            }
        }

        /** §4.1.2: XEP-0082 DateTime. */
        private static Instant time(String var, String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw error(StanzaErrorCondition.BAD_REQUEST, "'" + var + "' is not a XEP-0082 DateTime");
            }
        }

        private static List<String> ids(List<String> values) {
            LinkedHashSet<String> out = new LinkedHashSet<>();
            for (String v : values) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
            if (out.isEmpty()) {
                throw error(StanzaErrorCondition.BAD_REQUEST, "'ids' needs at least one value");
            }
            if (out.size() > MAX_IDS) {
                throw error(StanzaErrorCondition.POLICY_VIOLATION, "'ids' may name at most " + MAX_IDS + " messages");
            }
            return new ArrayList<>(out);
        }

        private static String blankToNull(String v) {
            return v == null || v.isEmpty() ? null : v;
        }
    }
}
