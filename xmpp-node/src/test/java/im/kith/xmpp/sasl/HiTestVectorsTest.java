package im.kith.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * {@code Hi} is PBKDF2 with one output block (RFC 5802 §2.2), so the published PBKDF2 vectors apply:
 * RFC 6070 §2 for HMAC-SHA-1 and RFC 7914 §11 for HMAC-SHA-256.
 */
class HiTestVectorsTest {

    @Test
    void sha1MatchesRfc6070WithFourThousandIterations() {
        assertThat(hi(ScramHash.SHA_1, "password", "salt", 4096))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    }

    @Test
    void sha1MatchesRfc6070WithLongPasswordAndSalt() {
        assertThat(hi(ScramHash.SHA_1, "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096))
                .isEqualTo("3d2eec4fe41c849b80c8d83662c0e44a8b291a96");
    }

    @Test
    void sha256MatchesRfc7914WithOneIteration() {
        assertThat(hi(ScramHash.SHA_256, "passwd", "salt", 1))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    @Test
    void aPasswordLongerThanTheHashBlockIsHashedFirstAsHmacRequires() {
        assertThat(hi(ScramHash.SHA_256, "k".repeat(100), "salt", 4096))
                .isEqualTo("bbd4c3e3f4b96c6d239850f4ae899ccdda3e65d993501bca9c7d55020702ddc4");
    }

    private static String hi(ScramHash hash, String password, String salt, int iterations) {
        return HexFormat.of().formatHex(hash.hi(password.getBytes(StandardCharsets.UTF_8),
                salt.getBytes(StandardCharsets.UTF_8), iterations));
    }
}
