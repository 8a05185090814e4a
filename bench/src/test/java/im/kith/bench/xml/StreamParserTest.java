package im.kith.bench.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

class StreamParserTest {
    private final List<String> events = new ArrayList<>();
    private final List<Element> stanzas = new ArrayList<>();
    private final StreamParser parser = new StreamParser(new StreamParser.Handler() {
        @Override
        public void streamOpened(Element header) {
            events.add("open " + header.name() + " from=" + header.attribute("from"));
        }

        @Override
        public void stanza(Element stanza) {
            events.add("stanza " + stanza.name());
            stanzas.add(stanza);
        }

        @Override
        public void streamClosed() {
            events.add("close");
        }
    });

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.org' id='s1' version='1.0'>";

    @Test
    void reportsTheHeaderEachStanzaAndTheEnd() throws XMLStreamException {
        feed(HEADER + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                + "</stream:features><message from='a@example.org' type='chat'><body>hi &amp; bye</body></message>"
                + "</stream:stream>");

        assertEquals(List.of("open stream from=example.org", "stanza features", "stanza message", "close"), events);
        Element features = stanzas.get(0);
        assertTrue(features.is("features", "http://etherx.jabber.org/streams"));
        assertTrue(features.child("starttls", "urn:ietf:params:xml:ns:xmpp-tls").child("required") != null);
        Element message = stanzas.get(1);
        assertEquals("jabber:client", message.namespace());
        assertEquals("a@example.org", message.attribute("from"));
        assertEquals("hi & bye", message.childText("body"));
        assertNull(message.child("subject"));
    }

    @Test
    void assemblesStanzasSplitAcrossReadsAtAnyByte() throws XMLStreamException {
        byte[] bytes = (HEADER + "<message><body>één 😀 twee</body></message><iq type='result' id='x'/>")
                .getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            parser.feed(new byte[] {b}, 0, 1);
        }

        assertEquals(List.of("open stream from=example.org", "stanza message", "stanza iq"), events);
        assertEquals("één 😀 twee", stanzas.get(0).childText("body"));
        assertEquals("result", stanzas.get(1).attribute("type"));
    }

    @Test
    void startsANewDocumentAfterARestartAndDropsTheRestOfTheOldOne() throws XMLStreamException {
        feed(HEADER + "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        parser.restart();
        feed(HEADER.replace("example.org", "example.com") + "<stream:features/>");

        assertEquals(List.of("open stream from=example.org", "stanza proceed", "open stream from=example.com",
                "stanza features"), events);
    }

    @Test
    void rejectsMalformedXml() {
        assertThrows(XMLStreamException.class, () -> feed(HEADER + "<message><body></message>"));
    }

    @Test
    void escapesEverythingSpecial() {
        assertEquals("a&lt;b&gt;&amp;&quot;&apos;", Xml.escape("a<b>&\"'"));
        String plain = "nothing to do";
        assertTrue(plain == Xml.escape(plain));
    }

    private void feed(String xml) throws XMLStreamException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }
}
