package im.kith.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzing of JID parsing: any string is either rejected with {@link JidException} or parsed into a JID
 * whose canonical form parses back to the same JID (normalisation is idempotent, RFC 7622 §3).
 */
class JidFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parsingIsTotalAndIdempotent(String input) {
        Jid jid;
        try {
            jid = Jid.parse(input);
        } catch (JidException e) {
            return;
        }
        Jid again = Jid.parse(jid.toString());
        assertThat(again).isEqualTo(jid);
        assertThat(again.bare().toString()).isEqualTo(jid.toBareString());
    }
}
