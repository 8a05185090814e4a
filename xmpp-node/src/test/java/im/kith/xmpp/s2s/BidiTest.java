package im.kith.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.Element;

/** The XEP-0288 elements: the offer is read from stream features, the request recognised on its own. */
class BidiTest {

    private static Element features(Element... children) {
        Element.Builder b = Element.builder("features", Ns.STREAMS);
        for (Element c : children) {
            b.child(c);
        }
        return b.build();
    }

    @Test
    void theFeatureIsOfferedOnlyInItsOwnNamespace() {
        assertThat(Bidi.offered(features(Element.of("starttls", Ns.TLS), Element.of("bidi", "urn:xmpp:features:bidi"))))
                .isTrue();
        assertThat(Bidi.offered(features(Element.of("starttls", Ns.TLS)))).isFalse();
        // The request's namespace is not the feature's (XEP-0288 §2.1 vs §2.2).
        assertThat(Bidi.offered(features(Element.of("bidi", "urn:xmpp:bidi")))).isFalse();
    }

    @Test
    void theRequestIsRecognisedOnlyInItsOwnNamespace() {
        assertThat(Bidi.isRequest(Element.of("bidi", "urn:xmpp:bidi"))).isTrue();
        assertThat(Bidi.isRequest(Element.of("bidi", "urn:xmpp:features:bidi"))).isFalse();
        assertThat(Bidi.isRequest(Element.of("dialback", "urn:xmpp:features:dialback"))).isFalse();
    }

    @Test
    void whatIsWrittenUsesTheRightNamespaces() {
        assertThat(Bidi.FEATURE).isEqualTo("<bidi xmlns='urn:xmpp:features:bidi'/>");
        assertThat(Bidi.REQUEST).isEqualTo("<bidi xmlns='urn:xmpp:bidi'/>");
    }
}
