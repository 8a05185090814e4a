package im.kith.xmpp.ext.mam;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.inject.Singleton;

/**
 * Archive UIDs: 128 random bits, base64url. XEP-0313 §3 wants them unpredictable and unique in the
 * archive; XEP-0359 §8 forbids inferring anything (such as the archive size) from them.
 */
@Singleton
public class ArchiveIds {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
