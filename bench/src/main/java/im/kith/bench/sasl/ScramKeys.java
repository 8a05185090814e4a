package im.kith.bench.sasl;

/**
 * The keys RFC 5802 §3 derives from {@code SaltedPassword}. Only these are needed per authentication, so a
 * client may keep them instead of the password-derived key, as the RFC allows.
 */
record ScramKeys(byte[] clientKey, byte[] storedKey, byte[] serverKey) {

    static ScramKeys derive(ScramMechanism mechanism, byte[] saltedPassword) {
        byte[] clientKey = mechanism.hmac(saltedPassword, ascii("Client Key"));
        byte[] serverKey = mechanism.hmac(saltedPassword, ascii("Server Key"));
        return new ScramKeys(clientKey, mechanism.hash(clientKey), serverKey);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
