package im.kith.xmpp.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

/**
 * Non-blocking XML stream decoder on Aalto's async parser: bytes in, {@link XmlStreamHandler} events out.
 *
 * <p>It turns the restricted XML of RFC 6120 §11 into events: DTDs, comments, processing instructions
 * and entity references are refused (§11.1, {@code restricted-xml}); the root must be
 * {@code <stream:stream>} in {@code http://etherx.jabber.org/streams} (§4.8.1); input must be UTF-8
 * (§11.6). Every first-level element is bounded in bytes, depth and attributes by {@link XmlLimits}, and
 * the byte bound also covers tokens still in progress, so a peer cannot grow the parser's buffers.
 *
 * <p>Not thread-safe: feed it from one thread (the connection's event loop). After a violation it
 * ignores further input. Call {@link #reset} when the stream restarts (after STARTTLS and SASL).
 */
public final class XmlStreamDecoder implements XmlDecoder {
    public static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    /**
     * The element and attribute names almost every stream uses. Parsed once into the factory's shared
     * name table, so that a new parser finds them there instead of building a private copy of the table;
     * a parser copies the table only for names outside this set. Parsers are never closed afterwards, so
     * names a peer sends never reach the shared table.
     */
    private static final String VOCABULARY = "<stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS_NS
            + "' xmlns:db='jabber:server:dialback' to='' from='' id='' version='' xml:lang=''>"
            + "<stream:features><starttls><required/></starttls><mechanisms><mechanism/></mechanisms>"
            + "<authentication/><bind/><session><optional/></session><sm/><csi/><ver/><c hash='' node='' ver=''/>"
            + "</stream:features><proceed/><auth mechanism=''/><challenge/><response/><success/><failure/>"
            + "<authenticate initial-response=''/><user-agent/><software/><device/>"
            + "<iq type=''><query><item jid='' name='' subscription='' ask='' node=''><group/></item></query>"
            + "<jid/><resource/><error type='' code='' by=''><text/><bad-request/><conflict/><feature-not-implemented/><forbidden/>"
            + "<item-not-found/><not-allowed/><not-authorized/><recipient-unavailable/><remote-server-not-found/>"
            + "<service-unavailable/></error><pubsub><publish><items max_items=''/></publish>"
            + "<event/><retract/><subscribe/><options/></pubsub><x><field var='' label=''><value/></field></x></iq>"
            + "<presence type=''><show/><status/><priority/><delay stamp=''/></presence>"
            + "<message type=''><body/><subject/><thread parent=''/><active/><composing/><paused/><inactive/><gone/>"
            + "<request/><received/><markable/><displayed/><stanza-id/><origin-id/><reference/><store/>"
            + "<no-store/><no-copy/><private/><encrypted/><header sid=''/><key rid='' prekey=''/><iv/>"
            + "<payload/><encryption namespace=''/><forwarded/><result queryid=''/><fin complete=''/><set/>"
            + "<first/><last/><count/><max/><before/><after/><r/><a h=''/></message>"
            + "<enable resume='' max=''/><enabled location=''/><resume previd=''/><resumed/><failed/>"
            + "<db:result/><db:verify/></stream:stream>";
    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final XmlStreamHandler handler;
    private XmlLimits limits;
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final Deque<Frame> open = new ArrayDeque<>();
    private long fed;
    private long mark;
    private boolean failed;
    private byte previousPrologByte;

    public XmlStreamDecoder(XmlStreamHandler handler, XmlLimits limits) {
        this.handler = handler;
        this.limits = limits;
        reset();
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        learnVocabulary(f);
        return f;
    }

    private static void learnVocabulary(AsyncXMLInputFactory f) {
        AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = f.createAsyncForByteArray();
        byte[] bytes = VOCABULARY.getBytes(StandardCharsets.UTF_8);
        try {
            reader.getInputFeeder().feedInput(bytes, 0, bytes.length);
            while (reader.next() != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                // only the names matter
            }
            // Closing hands the names the parser has learnt to the factory's shared table.
            reader.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the built-in vocabulary does not parse", e);
        }
    }

    /** Starts a new stream (RFC 6120 §4.3.3, §5.4.3.3, §6.4.6): a fresh parser, no open elements. */
    @Override
    public void reset() {
        reader = FACTORY.createAsyncForByteArray();
        open.clear();
        fed = 0;
        mark = 0;
        previousPrologByte = 0;
    }

    /** Changes the limits, e.g. to the larger post-authentication stanza size. */
    @Override
    public void limits(XmlLimits newLimits) {
        this.limits = newLimits;
    }

    /**
     * Whether bytes already fed have not been parsed yet; checked after {@code <starttls/>}, where any
     * such bytes would be plaintext injected ahead of the TLS handshake (RFC 6120 §5.4.3.3).
     */
    @Override
    public boolean hasUnparsedInput() {
        return !reader.getInputFeeder().needMoreInput();
    }

    public boolean failed() {
        return failed;
    }

    /** Parses the given bytes, delivering every event they complete. */
    public void feed(byte[] data, int offset, int length) {
        if (failed) {
            return;
        }
        if (open.isEmpty() && prologHasMarkupDeclaration(data, offset, length)) {
            // In the prolog "<!" can only start a DOCTYPE or a comment; refuse before the parser sees it.
            fail(XmlViolation.RESTRICTED_XML, "DTDs and comments are not allowed");
            return;
        }
        try {
            reader.getInputFeeder().feedInput(data, offset, length);
            fed += length;
            int event;
            while (!failed && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                onEvent(event);
            }
            if (!failed && fed - mark > limits.maxStanzaBytes()) {
                fail(XmlViolation.POLICY_VIOLATION, "stanza larger than " + limits.maxStanzaBytes() + " bytes");
            }
        } catch (XMLStreamException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            fail(message.toLowerCase(Locale.ROOT).contains("utf-8") || message.contains("encoding")
                    ? XmlViolation.UNSUPPORTED_ENCODING : XmlViolation.NOT_WELL_FORMED, firstLine(message));
        }
    }

    private boolean prologHasMarkupDeclaration(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b == '!' && previousPrologByte == '<') {
                return true;
            }
            previousPrologByte = b;
        }
        return false;
    }

    @Override
    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    private void onEvent(int event) throws XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> {
                String encoding = reader.getCharacterEncodingScheme();
                if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
                    fail(XmlViolation.UNSUPPORTED_ENCODING, "only UTF-8 is allowed");
                }
            }
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters();
            case XMLStreamConstants.DTD -> fail(XmlViolation.RESTRICTED_XML, "DTDs are not allowed");
            case XMLStreamConstants.COMMENT -> fail(XmlViolation.RESTRICTED_XML, "comments are not allowed");
            case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                    fail(XmlViolation.RESTRICTED_XML, "processing instructions are not allowed");
            case XMLStreamConstants.ENTITY_REFERENCE ->
                    fail(XmlViolation.RESTRICTED_XML, "entity references are not allowed");
            case XMLStreamConstants.END_DOCUMENT -> { }
            default -> fail(XmlViolation.RESTRICTED_XML, "unsupported XML construct");
        }
    }

    private void startElement() throws XMLStreamException {
        int depth = open.size();
        if (depth == 0) {
            openStream();
            return;
        }
        if (depth == 1) {
            mark = reader.getLocationInfo().getStartingByteOffset();
        }
        if (depth > limits.maxDepth()) {
            fail(XmlViolation.POLICY_VIOLATION, "elements nested deeper than " + limits.maxDepth());
            return;
        }
        int count = reader.getAttributeCount();
        if (count > limits.maxAttributes()) {
            fail(XmlViolation.POLICY_VIOLATION, "more than " + limits.maxAttributes() + " attributes");
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            attributes.put(attributeKey(i), reader.getAttributeValue(i));
        }
        Frame parent = open.peek();
        if (parent != null) {
            parent.flushText();
        }
        open.push(new Frame(reader.getLocalName(), nullToEmpty(reader.getNamespaceURI()), attributes));
    }

    private void openStream() throws XMLStreamException {
        if (!"stream".equals(reader.getLocalName()) || !STREAMS_NS.equals(reader.getNamespaceURI())) {
            fail(XmlViolation.INVALID_NAMESPACE, "the root must be <stream:stream xmlns:stream='" + STREAMS_NS + "'>");
            return;
        }
        int count = reader.getAttributeCount();
        if (count > limits.maxAttributes()) {
            fail(XmlViolation.POLICY_VIOLATION, "too many attributes on the stream header");
            return;
        }
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put(attributeKey(i), reader.getAttributeValue(i));
        }
        String defaultNs = "";
        Map<String, String> prefixes = new HashMap<>();
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix == null || prefix.isEmpty()) {
                defaultNs = nullToEmpty(reader.getNamespaceURI(i));
            } else {
                prefixes.put(prefix, reader.getNamespaceURI(i));
            }
        }
        open.push(new Frame("stream", STREAMS_NS, Map.of()));
        mark = reader.getLocationInfo().getEndingByteOffset();
        handler.onStreamOpen(new StreamHeader(Map.copyOf(attributes), defaultNs, Map.copyOf(prefixes)));
    }

    private String attributeKey(int i) {
        String ns = reader.getAttributeNamespace(i);
        String local = reader.getAttributeLocalName(i);
        if (ns == null || ns.isEmpty()) {
            return local;
        }
        if (XMLConstants.XML_NS_URI.equals(ns)) {
            return "xml:" + local;
        }
        return "{" + ns + "}" + local;
    }

    private void endElement() throws XMLStreamException {
        Frame done = open.pop();
        if (open.isEmpty()) {
            handler.onStreamClose();
            return;
        }
        Element element = done.build();
        if (open.size() == 1) {
            mark = reader.getLocationInfo().getEndingByteOffset();
            handler.onElement(element);
        } else {
            open.peek().children.add(element);
        }
    }

    private void characters() throws XMLStreamException {
        Frame current = open.peek();
        if (current == null) {
            return;
        }
        String text = reader.getText();
        if (open.size() == 1) {
            // RFC 6120 §11.7: only whitespace may appear between first-level elements.
            if (!text.isBlank()) {
                fail(XmlViolation.BAD_FORMAT, "character data between stanzas");
            }
            mark = reader.getLocationInfo().getEndingByteOffset();
            return;
        }
        current.text.append(text);
    }

    private void fail(XmlViolation violation, String detail) {
        if (!failed) {
            failed = true;
            handler.onViolation(violation, detail);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** An element being read. */
    private static final class Frame {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final List<Node> children = new ArrayList<>(2);
        final StringBuilder text = new StringBuilder();

        Frame(String name, String namespace, Map<String, String> attributes) {
            this.name = name;
            this.namespace = namespace;
            this.attributes = attributes;
        }

        void flushText() {
            if (!text.isEmpty()) {
                children.add(new Text(text.toString()));
                text.setLength(0);
            }
        }

        Element build() {
            flushText();
            return new Element(name, namespace, attributes, children);
        }
    }
}
