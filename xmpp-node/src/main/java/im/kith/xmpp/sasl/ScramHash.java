package im.kith.xmpp.sasl;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions SCRAM is used with here, and the primitives RFC 5802 §2.2 builds on them:
 * {@code H}, {@code HMAC} and {@code Hi} (PBKDF2 with HMAC as the PRF and one output block).
 */
public enum ScramHash {
    /** SCRAM-SHA-1, RFC 5802. */
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", 20),
    /** SCRAM-SHA-256, RFC 7677. */
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", 32);

    private final String mechanism;
    private final String digestAlgorithm;
    private final String macAlgorithm;
    private final int length;

    ScramHash(String mechanism, String digestAlgorithm, String macAlgorithm, int length) {
        this.mechanism = mechanism;
        this.digestAlgorithm = digestAlgorithm;
        this.macAlgorithm = macAlgorithm;
        this.length = length;
    }

    /** The SASL mechanism name without the {@code -PLUS} suffix, e.g. {@code SCRAM-SHA-256}. */
    public String mechanism() {
        return mechanism;
    }

    /** Output length of the hash in bytes (also the length of keys, proofs and signatures). */
    public int length() {
        return length;
    }

    /** {@code H(data)}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " is not available", e);
        }
    }

    /** {@code HMAC(key, data)}. */
    public byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    /**
     * {@code Hi(str, salt, i)} of RFC 5802 §2.2: {@code U1 = HMAC(str, salt || INT(1))},
     * {@code Ui = HMAC(str, Ui-1)}, result {@code U1 XOR U2 XOR ... XOR Ui}.
     */
    public byte[] hi(byte[] str, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iteration count must be positive");
        }
        Mac mac = mac(str);
        mac.update(salt);
        mac.update(ByteBuffer.allocate(4).putInt(1).array());
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            xorInto(result, u);
        }
        return result;
    }

    /** {@code a := a XOR b}; both arrays have the same length. */
    static void xorInto(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] ^= b[i];
        }
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " is not available", e);
        }
    }
}
