package im.kith.xmpp.transport.web;

import im.kith.xmpp.stanza.Ns;

/**
 * Makes a serialised first-level element of a client stream readable on its own, as framed transports
 * need: RFC 7395 §3.3.3 (each WebSocket message a standalone element with explicit namespaces) and
 * XEP-0206 §4 (stanzas inside {@code <body/>} qualified by {@code jabber:client}). The session layer
 * writes elements as they appear inside {@code <stream:stream xmlns='jabber:client'>}: stanzas without
 * {@code xmlns}, and {@code stream:} elements relying on the header's prefix declaration.
 */
final class StandaloneXml {
    private static final String STREAM_PREFIX = "<stream:";

    private StandaloneXml() {
    }

    /** Adds the declarations the element relies on. */
    static String qualify(String element) {
        if (!element.startsWith("<") || element.length() < 3) {
            return element;
        }
        int nameEnd = nameEnd(element, 1);
        if (element.startsWith(STREAM_PREFIX)) {
            return insert(element, nameEnd, " xmlns:stream='" + Ns.STREAMS + "'");
        }
        return declaresDefaultNamespace(element, nameEnd) ? element
                : insert(element, nameEnd, " xmlns='" + Ns.CLIENT + "'");
    }

    private static int nameEnd(String element, int from) {
        int i = from;
        while (i < element.length()) {
            char c = element.charAt(i);
            if (c == '=' || c == '/' || c == '>' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Reads the attributes of the start tag, quoted values skipped whole, looking for {@code xmlns}. */
    private static boolean declaresDefaultNamespace(String element, int from) {
        int i = from;
        int length = element.length();
        while (i < length) {
            char c = element.charAt(i);
            if (c == '>' || c == '/') {
                return false;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end = nameEnd(element, i);
            String name = element.substring(i, end);
            int quote = element.indexOf('=', end) + 1;
            if (quote <= 0 || quote >= length) {
                return false;
            }
            int close = element.indexOf(element.charAt(quote), quote + 1);
            if (close < 0) {
                return false;
            }
            if (name.equals("xmlns")) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    private static String insert(String element, int at, String text) {
        return element.substring(0, at) + text + element.substring(at);
    }
}
