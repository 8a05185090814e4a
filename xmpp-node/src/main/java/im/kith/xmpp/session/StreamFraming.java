package im.kith.xmpp.session;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.XmlDecoder;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlWriter;

/**
 * How a transport frames the stream itself: how the peer's bytes are decoded, and how the server's
 * opening and closing are written. Over TCP this is the XML stream of RFC 6120 §4 ({@link #XML_STREAM});
 * the WebSocket binding frames with {@code <open/>} and {@code <close/>} (RFC 7395 §3.4, §3.6) and
 * BOSH carries the stream in HTTP bodies (XEP-0206). Stanzas and the negotiation are the same in all.
 */
public interface StreamFraming {

    /** RFC 6120 §4.2, §4.7: {@code <stream:stream>} header and {@code </stream:stream>}. */
    StreamFraming XML_STREAM = new StreamFraming() {
        @Override
        public XmlDecoder decoder(XmlStreamHandler handler, XmlLimits limits) {
            return new XmlStreamDecoder(handler, limits);
        }

        @Override
        public String open(String streamId, String domain) {
            return "<?xml version='1.0'?><stream:stream xmlns='" + Ns.CLIENT + "' xmlns:stream='" + Ns.STREAMS
                    + "' id='" + streamId + "' from='" + XmlWriter.escape(domain) + "' version='1.0' xml:lang='en'>";
        }

        @Override
        public String close() {
            return "</stream:stream>";
        }
    };

    /** The decoder for the peer's input, starting with pre-authentication {@code limits}. */
    XmlDecoder decoder(XmlStreamHandler handler, XmlLimits limits);

    /** The server's opening of the (restarted) stream; empty when the transport has none. */
    String open(String streamId, String domain);

    /** The server's closing of the stream; empty when the transport has none. */
    String close();
}
