package im.kith.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class XmlFrameDecoderTest {
    private static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.org' version='1.0'/>";

    private final List<String> events = new ArrayList<>();
    private final XmlFrameDecoder decoder = new XmlFrameDecoder(new XmlStreamHandler() {
        @Override
        public void onStreamOpen(StreamHeader header) {
            events.add("open to=" + header.attribute("to") + " ns=" + header.defaultNamespace());
        }

        @Override
        public void onElement(Element element) {
            events.add("element " + element.name() + " in " + element.namespace());
        }

        @Override
        public void onStreamClose() {
            events.add("close");
        }

        @Override
        public void onViolation(XmlViolation violation, String detail) {
            events.add("violation " + violation);
        }
    }, new XmlLimits(1024, 8, 16), "jabber:client");

    private void feed(String message) {
        decoder.feed(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openStanzaAndCloseBecomeStreamEvents() {
        feed(OPEN);
        feed("<message xmlns='jabber:client' to='a@example.org'><body>hi</body></message>");
        feed("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");

        assertThat(events).containsExactly("open to=example.org ns=jabber:client", "element message in jabber:client",
                "close");
    }

    @Test
    void whitespaceMessageIsAKeepalive() {
        feed(OPEN);
        feed(" \r\n");

        assertThat(events).containsExactly("open to=example.org ns=jabber:client");
    }

    @Test
    void elementBeforeOpenIsAnInvalidNamespace() {
        feed("<message xmlns='jabber:client'/>");

        assertThat(events).containsExactly("violation INVALID_NAMESPACE");
    }

    @Test
    void afterResetTheStreamMustOpenAgain() {
        feed(OPEN);
        decoder.reset();
        feed("<iq xmlns='jabber:client' type='get' id='1'/>");

        assertThat(events).endsWith("violation INVALID_NAMESPACE");
    }

    @Test
    void secondOpenWithoutResetIsABadFormat() {
        feed(OPEN);
        feed(OPEN);

        assertThat(events).endsWith("violation BAD_FORMAT");
    }

    @Test
    void twoElementsOrAHalfElementInOneMessageAreRefused() {
        assertThat(XmlFrameDecoder.parse(bytes("<a/><b/>"), new XmlLimits(1024, 8, 16)))
                .isEqualTo(new XmlFrameDecoder.Invalid(XmlViolation.BAD_FORMAT,
                        "a message must hold exactly one complete element"));
        assertThat(XmlFrameDecoder.parse(bytes("<a><b/>"), new XmlLimits(1024, 8, 16)))
                .isInstanceOfSatisfying(XmlFrameDecoder.Invalid.class,
                        i -> assertThat(i.violation()).isEqualTo(XmlViolation.NOT_WELL_FORMED));
    }

    @Test
    void messageClosingTheSyntheticRootIsRefused() {
        assertThat(XmlFrameDecoder.parse(bytes("<a/></kith-frame:stream>"), new XmlLimits(1024, 8, 16)))
                .isInstanceOf(XmlFrameDecoder.Invalid.class);
    }

    @Test
    void restrictedXmlAndOversizeAreRefusedWithTheirConditions() {
        XmlLimits limits = new XmlLimits(64, 8, 16);
        assertThat(XmlFrameDecoder.parse(bytes("<a><!-- c --></a>"), limits)).isInstanceOfSatisfying(
                XmlFrameDecoder.Invalid.class, i -> assertThat(i.violation()).isEqualTo(XmlViolation.RESTRICTED_XML));
        assertThat(XmlFrameDecoder.parse(bytes("<a>" + "x".repeat(100) + "</a>"), limits)).isInstanceOfSatisfying(
                XmlFrameDecoder.Invalid.class, i -> assertThat(i.violation()).isEqualTo(XmlViolation.POLICY_VIOLATION));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
