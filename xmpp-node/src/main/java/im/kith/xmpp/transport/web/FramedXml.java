package im.kith.xmpp.transport.web;

import java.nio.charset.StandardCharsets;

import im.kith.xmpp.session.StreamFraming;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.XmlDecoder;
import im.kith.xmpp.xml.XmlFrameDecoder;
import im.kith.xmpp.xml.XmlLimits;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlWriter;

/**
 * RFC 7395 framing: one element per message, the stream opened with {@code <open/>} (§3.4) and closed
 * with {@code <close/>} (§3.6), both in {@value XmlFrameDecoder#FRAMING_NS}. BOSH feeds its payloads
 * the same way.
 */
final class FramedXml implements StreamFraming {
    static final FramedXml WEBSOCKET = new FramedXml();

    private FramedXml() {
    }

    @Override
    public XmlDecoder decoder(XmlStreamHandler handler, XmlLimits limits) {
        return new XmlFrameDecoder(handler, limits, Ns.CLIENT);
    }

    /** RFC 7395 §3.4: the server's {@code <open/>} carries from, id, version and xml:lang. */
    @Override
    public String open(String streamId, String domain) {
        return "<open xmlns='" + XmlFrameDecoder.FRAMING_NS + "' id='" + streamId + "' from='"
                + XmlWriter.escape(domain) + "' version='1.0' xml:lang='en'/>";
    }

    @Override
    public String close() {
        return "<close xmlns='" + XmlFrameDecoder.FRAMING_NS + "'/>";
    }

    /** The {@code <open/>} a client sends, as BOSH hands it to the stream (XEP-0206 §3, §5). */
    static byte[] clientOpen(String to, String version) {
        return ("<open xmlns='" + XmlFrameDecoder.FRAMING_NS + "' to='" + XmlWriter.escape(to) + "' version='"
                + XmlWriter.escape(version) + "'/>").getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code <close/>} a client sends. */
    static byte[] clientClose() {
        return ("<close xmlns='" + XmlFrameDecoder.FRAMING_NS + "'/>").getBytes(StandardCharsets.UTF_8);
    }
}
