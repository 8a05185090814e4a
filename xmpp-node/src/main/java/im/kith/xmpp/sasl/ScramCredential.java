package im.kith.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the server stores for one SCRAM hash (RFC 5802 §3, §5): salt, iteration count, StoredKey and
 * ServerKey. Neither the password nor SaltedPassword nor ClientKey can be recovered from it; a stolen
 * credential still cannot be replayed as a proof without the ClientKey.
 *
 * <p>The arrays are not copied: treat instances as read-only.
 */
public record ScramCredential(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** Length of the random salts stored with new credentials (RFC 5802 leaves it open; 16 bytes is ample). */
    public static final int SALT_LENGTH = 16;

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    public ScramCredential {
        if (iterations < 1) {
            throw new IllegalArgumentException("iteration count must be positive");
        }
        if (storedKey.length != hash.length() || serverKey.length != hash.length()) {
            throw new IllegalArgumentException("key length does not match " + hash.mechanism());
        }
    }

    /**
     * Derives the credential for a password (prepared with {@link Passwords#prepare} here):
     * {@code SaltedPassword = Hi(Normalize(password), salt, i)}, {@code ClientKey = HMAC(SaltedPassword,
     * "Client Key")}, {@code StoredKey = H(ClientKey)}, {@code ServerKey = HMAC(SaltedPassword, "Server Key")}.
     * Costs {@code iterations} HMAC computations.
     */
    public static ScramCredential derive(ScramHash hash, String password, byte[] salt, int iterations) {
        byte[] saltedPassword = hash.hi(Passwords.prepare(password), salt, iterations);
        byte[] storedKey = hash.digest(hash.hmac(saltedPassword, CLIENT_KEY));
        byte[] serverKey = hash.hmac(saltedPassword, SERVER_KEY);
        return new ScramCredential(hash, salt, iterations, storedKey, serverKey);
    }

    /** Whether a cleartext password (as PLAIN carries it) matches, compared in constant time. */
    public boolean matches(String password) {
        byte[] candidate;
        try {
            candidate = derive(hash, password, salt, iterations).storedKey();
        } catch (IllegalArgumentException e) {
            return false; // not a valid password, so not this one
        }
        return MessageDigest.isEqual(candidate, storedKey);
    }

    /**
     * Verifies a ClientProof for an AuthMessage (RFC 5802 §3): recovers {@code ClientKey = ClientProof XOR
     * HMAC(StoredKey, AuthMessage)} and compares {@code H(ClientKey)} with StoredKey in constant time.
     */
    public boolean verifyProof(byte[] authMessage, byte[] clientProof) {
        if (clientProof.length != hash.length()) {
            return false;
        }
        byte[] clientKey = hash.hmac(storedKey, authMessage);
        ScramHash.xorInto(clientKey, clientProof);
        return MessageDigest.isEqual(hash.digest(clientKey), storedKey);
    }

    /** {@code ServerSignature = HMAC(ServerKey, AuthMessage)}, sent as {@code v=} in the server-final-message. */
    public byte[] serverSignature(byte[] authMessage) {
        return hash.hmac(serverKey, authMessage);
    }
}
