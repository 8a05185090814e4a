package im.kith.xmpp.transport.web;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.Node;

/**
 * One BOSH request: the attributes of its {@code <body/>} wrapper (XEP-0124 §7) and the elements it
 * carries.
 *
 * @param rid       request id (§14.1), required on every request
 * @param sid       session id, absent on the session creation request (§7.1)
 * @param to        the XMPP domain, on session creation
 * @param version   {@code xmpp:version} (XEP-0206 §3), on session creation
 * @param waitSeconds longest time the client wants a request held (§7.1)
 * @param hold      requests the client wants held at once (§7.1)
 * @param restart   {@code xmpp:restart='true'}: the stream restarts after SASL (XEP-0206 §5)
 * @param terminate {@code type='terminate'}: the client ends the session (§13)
 * @param payload   the elements inside {@code <body/>}
 */
record BoshRequest(long rid, String sid, String to, String version, OptionalInt waitSeconds, OptionalInt hold,
        boolean restart, boolean terminate, List<Element> payload) {
    static final String NS = "http://jabber.org/protocol/httpbind";
    static final String XBOSH_NS = "urn:xmpp:xbosh";
    /** §14.1: rid is below 2^53, so clients can count it in JavaScript numbers. */
    private static final long MAX_RID = 9007199254740991L;

    /** Reads a {@code <body/>}; fails with a reason when it is not a usable request. */
    static BoshRequest of(Element body) {
        if (!"body".equals(body.name()) || !NS.equals(body.namespace())) {
            throw new IllegalArgumentException("the request must be a <body xmlns='" + NS + "'/>");
        }
        long rid = parseRid(body.attribute("rid"));
        List<Element> payload = new ArrayList<>();
        for (Node n : body.children()) {
            if (n instanceof Element e) {
                payload.add(e);
            }
        }
        return new BoshRequest(rid, body.attribute("sid"), body.attribute("to"),
                body.attribute("{" + XBOSH_NS + "}version"), number(body.attribute("wait")),
                number(body.attribute("hold")), "true".equals(body.attribute("{" + XBOSH_NS + "}restart")),
                "terminate".equals(body.attribute("type")), List.copyOf(payload));
    }

    private static long parseRid(String value) {
        if (value == null) {
            throw new IllegalArgumentException("rid is missing");
        }
        try {
            long rid = Long.parseLong(value);
            if (rid < 0 || rid > MAX_RID) {
                throw new IllegalArgumentException("rid is out of range");
            }
            return rid;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rid is not a number");
        }
    }

    private static OptionalInt number(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new IllegalArgumentException("negative number");
            }
            return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + value);
        }
    }
}
