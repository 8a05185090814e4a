package im.kith.xmpp.stanza;

import java.util.Locale;

/** RFC 6120 §4.9.3 stream error conditions. */
public enum StreamErrorCondition {
    BAD_FORMAT, BAD_NAMESPACE_PREFIX, CONFLICT, CONNECTION_TIMEOUT, HOST_GONE, HOST_UNKNOWN,
    IMPROPER_ADDRESSING, INTERNAL_SERVER_ERROR, INVALID_FROM, INVALID_NAMESPACE, INVALID_XML,
    NOT_AUTHORIZED, NOT_WELL_FORMED, POLICY_VIOLATION, REMOTE_CONNECTION_FAILED, RESET,
    RESOURCE_CONSTRAINT, RESTRICTED_XML, SEE_OTHER_HOST, SYSTEM_SHUTDOWN, UNDEFINED_CONDITION,
    UNSUPPORTED_ENCODING, UNSUPPORTED_FEATURE, UNSUPPORTED_STANZA_TYPE, UNSUPPORTED_VERSION;

    public String elementName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code <stream:error>} element text (§4.9.2), with optional descriptive text. */
    public String toXml(String text) {
        StringBuilder sb = new StringBuilder("<stream:error><").append(elementName())
                .append(" xmlns='").append(Ns.STREAM_ERRORS).append("'/>");
        if (text != null) {
            sb.append("<text xmlns='").append(Ns.STREAM_ERRORS).append("' xml:lang='en'>");
            im.kith.xmpp.xml.XmlWriter.escape(text, sb, false);
            sb.append("</text>");
        }
        return sb.append("</stream:error>").toString();
    }
}
