package im.kith.bench.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SCRAM variants this client speaks, strongest first. */
public enum ScramMechanism {
    SCRAM_SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256"),
    SCRAM_SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1");

    private final String saslName;
    private final String macAlgorithm;
    private final String digestAlgorithm;

    ScramMechanism(String saslName, String macAlgorithm, String digestAlgorithm) {
        this.saslName = saslName;
        this.macAlgorithm = macAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
    }

    /** The mechanism name as it appears in {@code <mechanism/>} and {@code <auth mechanism=''/>}. */
    public String saslName() {
        return saslName;
    }

    /** The strongest mechanism among those a server offers, if any. */
    public static Optional<ScramMechanism> strongestOf(Collection<String> offered) {
        for (ScramMechanism candidate : values()) {
            if (offered.contains(candidate.saslName)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " unavailable", e);
        }
    }

    byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " unavailable", e);
        }
    }

    /** {@code Hi(str, salt, i)} of RFC 5802 §2.2: PBKDF2 with this mechanism's HMAC and one output block. */
    byte[] hi(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(password, macAlgorithm));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " unavailable", e);
        }
    }
}
