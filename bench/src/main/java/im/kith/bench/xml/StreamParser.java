package im.kith.bench.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Incremental parser for one direction of an XMPP stream. Bytes are fed as they arrive; the stream header,
 * every complete top-level element and the stream's end are reported to a {@link Handler}. After STARTTLS
 * and SASL success the stream restarts: call {@link #restart()}, which also abandons any unparsed input.
 */
public final class StreamParser {

    /** Receives stream events; called on the thread that feeds the parser. */
    public interface Handler {
        void streamOpened(Element header);

        void stanza(Element stanza);

        void streamClosed();
    }

    private static final class Builder {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final List<Element> children = new ArrayList<>(2);
        StringBuilder text;

        Builder(String name, String namespace, Map<String, String> attributes) {
            this.name = name;
            this.namespace = namespace;
            this.attributes = attributes;
        }

        Element build() {
            return new Element(name, namespace, attributes, children, text == null ? "" : text.toString());
        }
    }

    private final AsyncXMLInputFactory factory;
    private final Handler handler;
    private final Deque<Builder> open = new ArrayDeque<>();
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private boolean inStream;
    private int generation;

    public StreamParser(Handler handler) {
        this(new InputFactoryImpl(), handler);
    }

    /** Shares a factory between parsers; Aalto's factories are thread-safe once configured. */
    public StreamParser(AsyncXMLInputFactory factory, Handler handler) {
        this.factory = factory;
        this.handler = handler;
        this.reader = factory.createAsyncForByteArray();
    }

    /** Starts a new document, discarding whatever the previous one had not finished. */
    public void restart() {
        close();
        generation++;
        open.clear();
        inStream = false;
        reader = factory.createAsyncForByteArray();
    }

    /**
     * Releases the current reader; Aalto then shares the element and attribute names it learnt with the
     * readers the factory creates next, which saves work on every new stream.
     */
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // nothing was pending that could fail to release
        }
    }

    /** Parses the bytes and reports every event they complete. */
    public void feed(byte[] data, int offset, int length) throws XMLStreamException {
        int feedGeneration = generation;
        reader.getInputFeeder().feedInput(data, offset, length);
        while (feedGeneration == generation) {
            int event = reader.next();
            switch (event) {
                case AsyncXMLStreamReader.EVENT_INCOMPLETE -> {
                    return;
                }
                case XMLStreamConstants.START_ELEMENT -> startElement();
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                case XMLStreamConstants.END_DOCUMENT -> {
                    return;
                }
                default -> {
                    // XML declaration, comments and processing instructions carry nothing for us.
                }
            }
        }
    }

    private void startElement() {
        int count = reader.getAttributeCount();
        Map<String, String> attributes = count == 0 ? Map.of() : new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        String ns = reader.getNamespaceURI();
        Builder builder = new Builder(reader.getLocalName(), ns == null ? "" : ns, attributes);
        if (!inStream && open.isEmpty()) {
            inStream = true;
            handler.streamOpened(builder.build());
        } else {
            open.push(builder);
        }
    }

    private void endElement() {
        if (open.isEmpty()) {
            inStream = false;
            handler.streamClosed();
            return;
        }
        Element element = open.pop().build();
        Builder parent = open.peek();
        if (parent == null) {
            handler.stanza(element);
        } else {
            parent.children.add(element);
        }
    }

    private void text() {
        Builder current = open.peek();
        if (current != null) {
            if (current.text == null) {
                current.text = new StringBuilder();
            }
            current.text.append(reader.getText());
        }
    }
}
