package im.kith.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void characterDataEscapesMarkupAndAttributesAlsoEscapeQuotes() {
        Element e = Element.builder("body", "jabber:client")
                .attribute("title", "a \"b\" & 'c' <d>")
                .text("x < y && \"q\" 'r' > z")
                .build();
        assertThat(XmlWriter.toXml(e, "jabber:client")).isEqualTo(
                "<body title=\"a &quot;b&quot; &amp; &apos;c&apos; &lt;d&gt;\">"
                        + "x &lt; y &amp;&amp; \"q\" 'r' &gt; z</body>");
        assertThat(XmlWriter.escape("plain")).isEqualTo("plain");
        assertThat(XmlWriter.escape("&")).isEqualTo("&amp;");
        assertThat(XmlWriter.escape("")).isEmpty();
    }

    @Test
    void childrenInTheParentsNamespaceDeclareNothingAndOthersDeclareTheirs() {
        Element e = Element.builder("message", "jabber:client").attribute("to", "a@b")
                .child(Element.builder("body", "jabber:client").text("hi").build())
                .child(Element.of("active", "http://jabber.org/protocol/chatstates"))
                .build();
        assertThat(XmlWriter.toXml(e, "jabber:client")).isEqualTo(
                "<message to=\"a@b\"><body>hi</body>"
                        + "<active xmlns=\"http://jabber.org/protocol/chatstates\"/></message>");
        assertThat(e.toString()).startsWith("<message xmlns=\"jabber:client\" to=\"a@b\">");
    }

    @Test
    void namespacedAndXmlLangAttributesArePrefixed() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("xml:lang", "en");
        attributes.put("{urn:example}flag", "1");
        Element e = new Element("x", "urn:a", attributes, List.of());
        assertThat(XmlWriter.toXml(e, "urn:a")).isEqualTo("<x xml:lang=\"en\" xmlns:a0=\"urn:example\" a0:flag=\"1\"/>");
    }

    @Test
    void attributesKeepDocumentOrderWhenChangedAddedOrRemoved() {
        Element e = Element.builder("iq", "jabber:client").attribute("type", "get").attribute("id", "1")
                .attribute("to", "x").build();
        Element changed = e.withAttribute("id", "2").withAttribute("from", "y").withAttribute("type", null);
        assertThat(XmlWriter.toXml(changed, "jabber:client")).isEqualTo("<iq id=\"2\" to=\"x\" from=\"y\"/>");
        assertThat(changed.attributes()).containsExactly(Map.entry("id", "2"), Map.entry("to", "x"),
                Map.entry("from", "y"));
        assertThat(e.attribute("id")).isEqualTo("1");
        assertThat(e.withAttribute("id", "1")).isSameAs(e);
        assertThat(e.withAttribute("absent", null)).isSameAs(e);
        assertThat(e.withAttribute("type", null).withAttribute("id", null).withAttribute("to", null).attributes())
                .isEmpty();
    }

    @Test
    void elementsWithEqualAttributesAreEqualWhateverMapTheyWereBuiltFrom() {
        Element a = new Element("x", "urn:a", Map.of("k", "v"), List.of());
        Element b = Element.builder("x", "urn:a").attribute("k", "v").build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.attributes()).isEqualTo(Map.of("k", "v"));
    }
}
