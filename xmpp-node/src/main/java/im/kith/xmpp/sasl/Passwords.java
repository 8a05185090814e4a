package im.kith.xmpp.sasl;

import java.nio.charset.StandardCharsets;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * Password preparation shared by credential storage and PLAIN: the PRECIS OpaqueString profile
 * (RFC 8265 §4.2), which RFC 7677 §4 puts in place of SASLprep for SCRAM.
 */
public final class Passwords {
    /** Longest accepted password, in UTF-8 bytes; bounds the cost of preparing and hashing it. */
    public static final int MAX_BYTES = 1024;

    private Passwords() {
    }

    /**
     * Prepares a password and returns its UTF-8 bytes.
     *
     * @throws IllegalArgumentException if the password is empty, too long or not allowed by OpaqueString
     */
    public static byte[] prepare(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is empty");
        }
        if (password.length() > MAX_BYTES) {
            throw new IllegalArgumentException("password is longer than " + MAX_BYTES + " bytes");
        }
        String prepared;
        try {
            prepared = PrecisProfiles.OPAQUE_STRING.enforce(password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password contains characters that are not allowed", e);
        }
        byte[] bytes = prepared.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("password is longer than " + MAX_BYTES + " bytes");
        }
        return bytes;
    }
}
