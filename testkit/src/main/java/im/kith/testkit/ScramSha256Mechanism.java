package im.kith.testkit;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jivesoftware.smack.sasl.SASLMechanism;
import org.jivesoftware.smack.sasl.core.ScramHmac;
import org.jivesoftware.smack.sasl.core.ScramMechanism;

/**
 * SCRAM-SHA-256 (RFC 7677) for Smack 4.4, which ships only SCRAM-SHA-1: the same SCRAM engine with an
 * HMAC-SHA-256 function.
 */
public final class ScramSha256Mechanism extends ScramMechanism {
    public static final String NAME = "SCRAM-SHA-256";

    private static final ScramHmac HMAC_SHA_256 = new ScramHmac() {
        @Override
        public String getHmacName() {
            return "SHA-256";
        }

        @Override
        public byte[] hmac(byte[] key, byte[] data) throws InvalidKeyException {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    public ScramSha256Mechanism() {
        super(HMAC_SHA_256);
    }

    @Override
    public int getPriority() {
        return 105; // preferred over SCRAM-SHA-1 (110 is lower priority in Smack's ordering)
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }
}
