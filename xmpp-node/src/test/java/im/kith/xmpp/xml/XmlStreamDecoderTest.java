package im.kith.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class XmlStreamDecoderTest {
    private static final String OPEN = "<?xml version='1.0'?><stream:stream to='example.com' version='1.0' "
            + "xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    private static final XmlLimits LIMITS = new XmlLimits(4096, 16, 32);

    private final Recorder recorder = new Recorder();
    private final XmlStreamDecoder decoder = new XmlStreamDecoder(recorder, LIMITS);

    @Test
    void readsStreamHeaderAndStanzasFedOneByteAtATime() {
        String input = OPEN + "<message to='juliet@example.com' id='a1'><body>Wherefore art thou, "
                + "R\u00f6meo? &lt;3</body></message> <presence/></stream:stream>";
        for (byte b : input.getBytes(StandardCharsets.UTF_8)) {
            decoder.feed(new byte[] {b});
        }
        assertThat(recorder.header.attribute("to")).isEqualTo("example.com");
        assertThat(recorder.header.attribute("xml:lang")).isEqualTo("en");
        assertThat(recorder.header.defaultNamespace()).isEqualTo("jabber:client");
        assertThat(recorder.elements).hasSize(2);
        Element message = recorder.elements.get(0);
        assertThat(message.is("message", "jabber:client")).isTrue();
        assertThat(message.childText("body", "jabber:client")).isEqualTo("Wherefore art thou, R\u00f6meo? <3");
        assertThat(recorder.closed).isTrue();
        assertThat(recorder.violation).isNull();
    }

    @Test
    void keepsNamespacesOfExtensionsAndRoundTripsThroughTheWriter() {
        decoder.feed(bytes(OPEN + "<iq type='get' id='1'><query xmlns='jabber:iq:roster' ver=''/></iq>"));
        Element iq = recorder.elements.getFirst();
        assertThat(iq.child("query", "jabber:iq:roster").attribute("ver")).isEmpty();
        assertThat(XmlWriter.toXml(iq, "jabber:client"))
                .isEqualTo("<iq type=\"get\" id=\"1\"><query xmlns=\"jabber:iq:roster\" ver=\"\"/></iq>");
    }

    @Test
    void refusesDoctypeBeforeExpandingAnyEntity() {
        decoder.feed(bytes("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><stream:stream>&lol2;"));
        assertThat(recorder.violation).isEqualTo(XmlViolation.RESTRICTED_XML);
        assertThat(recorder.header).isNull();
    }

    @Test
    void refusesCommentsAndProcessingInstructions() {
        decoder.feed(bytes(OPEN + "<!-- hi -->"));
        assertThat(recorder.violation).isEqualTo(XmlViolation.RESTRICTED_XML);
        Recorder other = new Recorder();
        new XmlStreamDecoder(other, LIMITS).feed(bytes(OPEN + "<message><?pi x?></message>"));
        assertThat(other.violation).isEqualTo(XmlViolation.RESTRICTED_XML);
    }

    @Test
    void refusesUndeclaredEntityReferences() {
        decoder.feed(bytes(OPEN + "<message><body>&foo;</body></message>"));
        assertThat(recorder.violation).isIn(XmlViolation.RESTRICTED_XML, XmlViolation.NOT_WELL_FORMED);
        assertThat(recorder.elements).isEmpty();
    }

    @Test
    void stopsAStanzaThatGrowsPastTheLimitEvenInsideOneToken() {
        decoder.feed(bytes(OPEN + "<message><body>"));
        decoder.feed(bytes("x".repeat(5000)));
        assertThat(recorder.violation).isEqualTo(XmlViolation.POLICY_VIOLATION);
        Recorder other = new Recorder();
        XmlStreamDecoder d = new XmlStreamDecoder(other, LIMITS);
        d.feed(bytes(OPEN + "<message a='"));
        for (int i = 0; i < 10; i++) {
            d.feed(bytes("y".repeat(1000)));
        }
        assertThat(other.violation).isEqualTo(XmlViolation.POLICY_VIOLATION);
    }

    @Test
    void acceptsManySmallStanzasWhoseSumExceedsTheLimit() {
        decoder.feed(bytes(OPEN));
        String stanza = "<message to='a@b'><body>" + "z".repeat(100) + "</body></message>";
        decoder.feed(bytes(stanza.repeat(100)));
        assertThat(recorder.violation).isNull();
        assertThat(recorder.elements).hasSize(100);
    }

    @Test
    void refusesDeepNestingAndTooManyAttributes() {
        decoder.feed(bytes(OPEN + "<a>".repeat(40)));
        assertThat(recorder.violation).isEqualTo(XmlViolation.POLICY_VIOLATION);
        Recorder other = new Recorder();
        StringBuilder attrs = new StringBuilder("<message");
        for (int i = 0; i < 40; i++) {
            attrs.append(" a").append(i).append("='v'");
        }
        new XmlStreamDecoder(other, LIMITS).feed(bytes(OPEN + attrs + "/>"));
        assertThat(other.violation).isEqualTo(XmlViolation.POLICY_VIOLATION);
    }

    @Test
    void refusesAWrongRootAndTextBetweenStanzas() {
        decoder.feed(bytes("<stream xmlns='jabber:client'>"));
        assertThat(recorder.violation).isEqualTo(XmlViolation.INVALID_NAMESPACE);
        Recorder other = new Recorder();
        new XmlStreamDecoder(other, LIMITS).feed(bytes(OPEN + "hello<presence/>"));
        assertThat(other.violation).isEqualTo(XmlViolation.BAD_FORMAT);
    }

    @Test
    void reportsMalformedXmlAndInvalidUtf8() {
        decoder.feed(bytes(OPEN + "<message></presence>"));
        assertThat(recorder.violation).isEqualTo(XmlViolation.NOT_WELL_FORMED);
        Recorder other = new Recorder();
        XmlStreamDecoder d = new XmlStreamDecoder(other, LIMITS);
        d.feed(bytes(OPEN + "<message><body>"));
        d.feed(new byte[] {(byte) 0xC3, (byte) 0x28, '<', '/'});
        assertThat(other.violation).isIn(XmlViolation.UNSUPPORTED_ENCODING, XmlViolation.NOT_WELL_FORMED);
    }

    @Test
    void startsAFreshStreamAfterReset() {
        decoder.feed(bytes(OPEN + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"));
        decoder.reset();
        decoder.feed(bytes(OPEN + "<presence/>"));
        assertThat(recorder.headers).isEqualTo(2);
        assertThat(recorder.elements).extracting(Element::name).containsExactly("starttls", "presence");
        assertThat(recorder.violation).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Recorder implements XmlStreamHandler {
        StreamHeader header;
        int headers;
        final List<Element> elements = new ArrayList<>();
        boolean closed;
        XmlViolation violation;

        @Override
        public void onStreamOpen(StreamHeader h) {
            header = h;
            headers++;
        }

        @Override
        public void onElement(Element element) {
            elements.add(element);
        }

        @Override
        public void onStreamClose() {
            closed = true;
        }

        @Override
        public void onViolation(XmlViolation v, String detail) {
            violation = v;
        }
    }
}
