package im.kith.invite.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Invite tokens: 256 random bits from {@link SecureRandom}, written base64url without padding
 * (43 characters, only {@code [A-Za-z0-9_-]}, safe in URIs per XEP-0379 §3.1). Only
 * {@link #hash SHA-256 hashes} are stored; a leaked database does not reveal usable tokens.
 */
@ApplicationScoped
public class InviteTokens {
    /** Length of a token this class generates. */
    public static final int LENGTH = 43;
    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public String generate() {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether a string can be a token at all (cheap check before any database look-up). */
    public boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** Constant-time comparison of two hashes. */
    public boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
