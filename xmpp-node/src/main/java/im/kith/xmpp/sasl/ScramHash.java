package im.kith.xmpp.sasl;

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

    /** Block length of SHA-1 and SHA-256 in bytes (RFC 2104's B). */
    private static final int BLOCK_LENGTH = 64;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

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
        return newDigest().digest(data);
    }

    /** {@code HMAC(key, data)}. */
    public byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    /**
     * {@code Hi(str, salt, i)} of RFC 5802 §2.2: {@code U1 = HMAC(str, salt || INT(1))},
     * {@code Ui = HMAC(str, Ui-1)}, result {@code U1 XOR U2 XOR ... XOR Ui}.
     *
     * <p>HMAC (RFC 2104) is {@code H((K ^ opad) || H((K ^ ipad) || m))}. The digests of the two padded key
     * blocks are the same in every iteration, so they are computed once and cloned, halving the
     * compression-function calls per iteration compared with {@link Mac#doFinal}, which hashes both
     * pad blocks again each time. Account creation, imports and PLAIN logins pay this cost.
     */
    public byte[] hi(byte[] str, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iteration count must be positive");
        }
        MessageDigest inner = padded(str, IPAD);
        MessageDigest outer = padded(str, OPAD);
        MessageDigest step = copy(inner);
        step.update(salt);
        step.update(new byte[] {0, 0, 0, 1});
        byte[] u = finish(outer, step.digest());
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            step = copy(inner);
            step.update(u);
            u = finish(outer, step.digest());
            xorInto(result, u);
        }
        return result;
    }

    /** The outer HMAC hash over an inner digest. */
    private static byte[] finish(MessageDigest outer, byte[] innerDigest) {
        MessageDigest step = copy(outer);
        step.update(innerDigest);
        return step.digest();
    }

    /** A digest that has absorbed the key block XOR {@code pad} (RFC 2104 §2; keys over a block are hashed first). */
    private MessageDigest padded(byte[] key, byte pad) {
        MessageDigest md = newDigest();
        byte[] k = key.length > BLOCK_LENGTH ? md.digest(key) : key;
        byte[] block = new byte[BLOCK_LENGTH];
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            block[i] = (byte) ((i < k.length ? k[i] : 0) ^ pad);
        }
        md.update(block);
        return md;
    }

    private static MessageDigest copy(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(md.getAlgorithm() + " digests cannot be cloned", e);
        }
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digestAlgorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " is not available", e);
        }
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
