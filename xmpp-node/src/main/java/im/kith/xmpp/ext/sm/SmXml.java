package im.kith.xmpp.ext.sm;

import java.time.Duration;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/** The elements of XEP-0198 in the urn:xmpp:sm:3 namespace. */
final class SmXml {
    static final String NS = "urn:xmpp:sm:3";
    /** Sequence numbers are xs:unsignedInt and wrap from 2^32-1 to 0 (XEP-0198 §4). */
    static final long MASK = 0xFFFF_FFFFL;

    private SmXml() {
    }

    static Element enabled(String id, Duration max) {
        Element.Builder b = Element.builder("enabled", NS);
        if (id != null) {
            b.attribute("id", id).attribute("resume", "true").attribute("max", Math.max(1, max.toSeconds()));
        }
        return b.build();
    }

    /** {@code <failed/>} with a stanza error condition (§6) and, when known, the server's 'h' (§5). */
    static Element failed(StanzaErrorCondition condition, Long h) {
        return Element.builder("failed", NS).attribute("h", h)
                .child(Element.of(condition.elementName(), Ns.STANZA_ERRORS)).build();
    }

    static Element ack(long h) {
        return Element.builder("a", NS).attribute("h", h).build();
    }

    static Element resumed(String previd, long h) {
        return Element.builder("resumed", NS).attribute("previd", previd).attribute("h", h).build();
    }

    /** The application condition of the {@code undefined-condition} stream error of §6. */
    static Element handledCountTooHigh(long h, long sendCount) {
        return Element.builder("handled-count-too-high", NS).attribute("h", h).attribute("send-count", sendCount)
                .build();
    }

    /** An xs:unsignedInt 'h', or null when absent or malformed. */
    static Long sequence(String value) {
        if (value == null || value.isEmpty() || value.length() > 10) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(value);
        return v > MASK ? null : v;
    }

    /** An xs:boolean attribute. */
    static boolean bool(String value) {
        return "true".equals(value) || "1".equals(value);
    }
}
