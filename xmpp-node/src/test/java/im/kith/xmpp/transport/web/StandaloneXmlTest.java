package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandaloneXmlTest {

    @Test
    void stanzaWithoutNamespaceIsQualifiedByJabberClient() {
        assertThat(StandaloneXml.qualify("<message to=\"a@b\"><body>x</body></message>"))
                .isEqualTo("<message xmlns='jabber:client' to=\"a@b\"><body>x</body></message>");
        assertThat(StandaloneXml.qualify("<presence/>")).isEqualTo("<presence xmlns='jabber:client'/>");
    }

    @Test
    void elementWithItsOwnNamespaceIsLeftAlone() {
        String success = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
        assertThat(StandaloneXml.qualify(success)).isEqualTo(success);
    }

    @Test
    void attributeValueMentioningXmlnsDoesNotCount() {
        assertThat(StandaloneXml.qualify("<message id=\" xmlns='x'\"/>"))
                .isEqualTo("<message xmlns='jabber:client' id=\" xmlns='x'\"/>");
    }

    @Test
    void streamPrefixIsDeclared() {
        assertThat(StandaloneXml.qualify("<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                + "</stream:features>")).startsWith(
                "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind");
        assertThat(StandaloneXml.qualify("<stream:error><conflict/></stream:error>"))
                .startsWith("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>");
    }
}
