package im.kith.xmpp.transport.web;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.XmlWriter;

/** The {@code <body/>} wrappers the connection manager sends (XEP-0124 §7, XEP-0206 §3). */
final class BoshBodies {
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    /** The XEP-0124 version implemented. */
    private static final String VERSION = "1.11";
    private static final String OPEN = "<body xmlns='" + BoshRequest.NS + "' xmlns:stream='" + Ns.STREAMS + "'";

    private BoshBodies() {
    }

    static String body(String attributes, String payload) {
        return payload.isEmpty() ? OPEN + attributes + "/>" : OPEN + attributes + ">" + payload + "</body>";
    }

    static String empty() {
        return body("", "");
    }

    /** §17.2 terminal binding condition, or a plain {@code type='terminate'} when null. */
    static String terminate(String condition) {
        return body(" type='terminate'" + (condition == null ? "" : " condition='" + condition + "'"), "");
    }

    /** §7.1 session creation response attributes; XEP-0206 §3 adds xmpp:version and authid. */
    static String creationAttributes(String sid, BoshSession.Settings settings, String streamId) {
        return " sid='" + sid + "' wait='" + settings.waitMillis() / 1000 + "' hold='" + settings.hold()
                + "' requests='" + settings.requests() + "' inactivity='" + settings.inactivityMillis() / 1000
                + "' polling='1' ver='" + VERSION + "' from='" + XmlWriter.escape(settings.to()) + "'"
                + (streamId == null ? "" : " authid='" + streamId + "'") + " secure='true' xmlns:xmpp='"
                + BoshRequest.XBOSH_NS + "' xmpp:version='1.0' xmpp:restartlogic='true'";
    }
}
