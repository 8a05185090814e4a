package im.kith.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the XML stream decoder (Jazzer). Whatever bytes arrive, in whatever
 * pieces, the decoder either emits well-formed events or reports one violation: it never throws, and
 * no element it emits exceeds the limits. In CI the corpus under src/test/resources runs as regression
 * tests; {@code JAZZER_FUZZ=1} fuzzes (see docs/benchmarks.md, "Fuzzing").
 */
class XmlStreamDecoderFuzzTest {
    private static final XmlLimits LIMITS = new XmlLimits(2048, 8, 8);
    private static final byte[] HEADER = ("<stream:stream to='a' version='1.0' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "30s")
    void decoderNeverThrowsAndRespectsLimits(FuzzedDataProvider data) {
        Checker checker = new Checker();
        XmlStreamDecoder decoder = new XmlStreamDecoder(checker, LIMITS);
        if (data.consumeBoolean()) {
            decoder.feed(HEADER);
        }
        while (data.remainingBytes() > 0 && !decoder.failed()) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 512));
            decoder.feed(chunk);
            if (data.consumeBoolean() && data.consumeInt(0, 50) == 0) {
                decoder.reset();
            }
        }
        assertThat(checker.violations).isLessThanOrEqualTo(1);
    }

    private static final class Checker implements XmlStreamHandler {
        int violations;

        @Override
        public void onStreamOpen(StreamHeader header) {
            assertThat(header.attributes().size()).isLessThanOrEqualTo(LIMITS.maxAttributes());
        }

        @Override
        public void onElement(Element element) {
            assertThat(depth(element)).isLessThanOrEqualTo(LIMITS.maxDepth());
            assertThat(XmlWriter.toXml(element, null).length()).isLessThan(8 * LIMITS.maxStanzaBytes());
        }

        @Override
        public void onStreamClose() {
        }

        @Override
        public void onViolation(XmlViolation violation, String detail) {
            violations++;
            assertThat(violation).isNotNull();
        }

        private static int depth(Element e) {
            int max = 0;
            for (Element c : e.elements()) {
                max = Math.max(max, depth(c));
            }
            return max + 1;
        }
    }
}
