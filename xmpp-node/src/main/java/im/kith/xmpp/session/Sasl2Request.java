package im.kith.xmpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import im.kith.xmpp.sasl.fast.FastTokens;
import im.kith.xmpp.xml.Element;

/**
 * A parsed SASL2 {@code <authenticate/>} (XEP-0388 §2.3).
 *
 * @param mechanism       the chosen mechanism
 * @param initialResponse the decoded initial response; empty when the client sent none (§2.2)
 * @param clientId        the user-agent 'id', a UUID naming the client installation, or null
 * @param software        the user-agent's software name, or null
 * @param device          the user-agent's device name, or null
 * @param bind            the Bind 2 request (XEP-0386 §2.2), or null
 * @param fast            the FAST {@code <fast/>} element of a token login (XEP-0484 §4.3), or null
 * @param requestToken    the mechanism of a requested FAST token (§4.2), or null
 * @param inline          the other children: requests for inline features (e.g. XEP-0198 resumption)
 */
record Sasl2Request(String mechanism, byte[] initialResponse, String clientId, String software, String device,
        Element bind, Element fast, String requestToken, List<Element> inline) {
    static final String NS = "urn:xmpp:sasl:2";
    static final String BIND_NS = "urn:xmpp:bind:0";
    /** §2.3: the id "MUST be a UUID v4"; any well-formed UUID is taken. */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_NAME = 128;

    /** Thrown for an initial response that is not base64 (RFC 6120 §6.5.3 incorrect-encoding). */
    static final class BadEncoding extends Exception {
        BadEncoding() {
            super("initial response is not base64", null, false, false);
        }
    }

    static Sasl2Request parse(Element authenticate) throws BadEncoding {
        String initialText = authenticate.childText("initial-response", NS);
        byte[] initial = initialText == null ? new byte[0] : C2sStream.unbase64(initialText);
        if (initial == null) {
            throw new BadEncoding();
        }
        Element ua = authenticate.child("user-agent", NS);
        String id = ua == null ? null : ua.attribute("id");
        String clientId = id != null && UUID.matcher(id).matches() ? id.toLowerCase(java.util.Locale.ROOT) : null;
        Element fast = authenticate.child("fast", FastTokens.NS);
        Element request = authenticate.child("request-token", FastTokens.NS);
        List<Element> inline = new ArrayList<>();
        for (Element child : authenticate.elements()) {
            String ns = child.namespace();
            if (!NS.equals(ns) && !BIND_NS.equals(ns) && !FastTokens.NS.equals(ns)) {
                inline.add(child);
            }
        }
        return new Sasl2Request(authenticate.attribute("mechanism"), initial, clientId,
                ua == null ? null : clip(ua.childText("software", NS)), ua == null ? null : clip(ua.childText("device", NS)),
                authenticate.child("bind", BIND_NS), fast, request == null ? null : request.attribute("mechanism"),
                List.copyOf(inline));
    }

    /** Whether the client asked to revoke the token it logs in with (XEP-0484 §4.5). */
    boolean invalidateToken() {
        String v = fast == null ? null : fast.attribute("invalidate");
        return "true".equals(v) || "1".equals(v);
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t.length() > MAX_NAME ? t.substring(0, MAX_NAME) : t;
    }
}
