package im.kith.xmpp.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes XMPP framed one element per transport message, as on WebSocket (RFC 7395 §3.3.3: "each
 * message MUST contain a single complete XML element") and in BOSH payloads (XEP-0206), into the same
 * {@link XmlStreamHandler} events a TCP stream produces: {@code <open/>} and {@code <close/>} in
 * {@value #FRAMING_NS} (RFC 7395 §3.4, §3.6) become the stream opening and closing.
 *
 * <p>Each message is parsed as its own document by a fresh {@link XmlStreamDecoder} under a synthetic
 * stream root, so RFC 6120 §11 (no DTD, comments, processing instructions, entity references), UTF-8
 * only, and the {@link XmlLimits} apply exactly as on TCP. A message that is empty or whitespace only
 * is a keepalive. Not thread-safe; after a violation further input is ignored.
 */
public final class XmlFrameDecoder implements XmlDecoder {
    /** RFC 7395 §3.3.1: the namespace of the framing elements. */
    public static final String FRAMING_NS = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final byte[] ROOT_OPEN = ("<kith-frame:stream xmlns:kith-frame='"
            + XmlStreamDecoder.STREAMS_NS + "'>").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOT_CLOSE = "</kith-frame:stream>".getBytes(StandardCharsets.US_ASCII);

    private final XmlStreamHandler handler;
    private final String contentNamespace;
    private XmlLimits limits;
    private boolean expectOpen = true;
    private boolean failed;

    /**
     * @param contentNamespace the content namespace the {@code <open/>} element implies, reported as the
     *                         stream's default namespace ({@code jabber:client} for client streams)
     */
    public XmlFrameDecoder(XmlStreamHandler handler, XmlLimits limits, String contentNamespace) {
        this.handler = handler;
        this.limits = limits;
        this.contentNamespace = contentNamespace;
    }

    /** What one message held. */
    public sealed interface Frame {
    }

    /** Exactly one complete element. */
    public record Parsed(Element element) implements Frame {
    }

    /** Nothing but whitespace. */
    public record Empty() implements Frame {
    }

    /** A broken rule, with the stream error condition it maps to. */
    public record Invalid(XmlViolation violation, String detail) implements Frame {
    }

    /** Parses one message that must hold a single complete element. */
    public static Frame parse(byte[] message, XmlLimits limits) {
        if (isBlank(message)) {
            return new Empty();
        }
        if (message.length > limits.maxStanzaBytes()) {
            // Refused before parsing: no buffer grows past the limit.
            return new Invalid(XmlViolation.POLICY_VIOLATION, "element larger than " + limits.maxStanzaBytes()
                    + " bytes");
        }
        Collector collector = new Collector();
        XmlStreamDecoder decoder = new XmlStreamDecoder(collector, limits);
        decoder.feed(ROOT_OPEN);
        decoder.feed(message);
        collector.closing = true;
        decoder.feed(ROOT_CLOSE);
        if (collector.violation != null) {
            return new Invalid(collector.violation, collector.detail);
        }
        if (collector.elements.size() != 1 || !collector.closed) {
            return new Invalid(XmlViolation.BAD_FORMAT, "a message must hold exactly one complete element");
        }
        return new Parsed(collector.elements.getFirst());
    }

    @Override
    public void feed(byte[] message) {
        if (failed) {
            return;
        }
        switch (parse(message, limits)) {
            case Empty e -> { }
            case Invalid i -> fail(i.violation(), i.detail());
            case Parsed p -> dispatch(p.element());
        }
    }

    private void dispatch(Element element) {
        boolean framing = FRAMING_NS.equals(element.namespace());
        if (framing && "open".equals(element.name())) {
            if (!expectOpen) {
                fail(XmlViolation.BAD_FORMAT, "<open/> is only allowed at the start of a stream");
                return;
            }
            expectOpen = false;
            handler.onStreamOpen(new StreamHeader(Map.copyOf(element.attributes()), contentNamespace, Map.of()));
        } else if (framing && "close".equals(element.name())) {
            handler.onStreamClose(); // RFC 7395 §3.6: either side may close at any time
        } else if (expectOpen) {
            // RFC 7395 §3.4: the stream starts with <open/>, as a TCP stream starts with its header.
            fail(XmlViolation.INVALID_NAMESPACE, "the stream must start with <open xmlns='" + FRAMING_NS + "'/>");
        } else {
            handler.onElement(element);
        }
    }

    private void fail(XmlViolation violation, String detail) {
        failed = true;
        handler.onViolation(violation, detail);
    }

    /** RFC 7395 §3.4 / XEP-0206 §5: after SASL the client opens the stream again. */
    @Override
    public void reset() {
        expectOpen = true;
    }

    @Override
    public void limits(XmlLimits newLimits) {
        this.limits = newLimits;
    }

    /** Messages are parsed whole, so nothing ever waits. */
    @Override
    public boolean hasUnparsedInput() {
        return false;
    }

    private static boolean isBlank(byte[] message) {
        for (byte b : message) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Gathers what the inner decoder reads from one message. */
    private static final class Collector implements XmlStreamHandler {
        final List<Element> elements = new ArrayList<>(1);
        boolean closing;
        boolean closed;
        XmlViolation violation;
        String detail;

        @Override
        public void onStreamOpen(StreamHeader header) {
        }

        @Override
        public void onElement(Element element) {
            elements.add(element);
        }

        @Override
        public void onStreamClose() {
            if (!closing) {
                onViolation(XmlViolation.NOT_WELL_FORMED, "unexpected closing tag");
            }
            closed = true;
        }

        @Override
        public void onViolation(XmlViolation v, String text) {
            if (violation == null) {
                violation = v;
                detail = text;
            }
        }
    }
}
