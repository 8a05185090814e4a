package im.kith.bench.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One SCRAM authentication from the client's side (RFC 5802 §3 and §7), without channel binding ("n,,").
 * Use it in order: {@link #clientFirstMessage()}, {@link #clientFinalMessage(String)}, then
 * {@link #verifyServerFinal(String)}. Messages are the decoded SCRAM text; base64 for SASL transport is the
 * caller's business.
 */
public final class ScramClient {
    private static final String GS2_HEADER = "n,,";
    private static final String CHANNEL_BINDING =
            Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII));

    private final ScramMechanism mechanism;
    private final String username;
    private final String password;
    private final String clientNonce;
    private final ScramKeyCache cache;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * @param clientNonce printable ASCII without commas; see {@link #newNonce(RandomGenerator)}
     * @throws IllegalArgumentException if the password is not printable ASCII (SASLprep is not implemented)
     */
    public ScramClient(ScramMechanism mechanism, String username, String password, String clientNonce,
            ScramKeyCache cache) {
        if (!password.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("only printable ASCII passwords are supported");
        }
        if (clientNonce.isEmpty() || clientNonce.indexOf(',') >= 0) {
            throw new IllegalArgumentException("nonce must be non-empty and free of commas");
        }
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
        this.cache = cache;
    }

    /** A fresh nonce of 24 printable characters; pass a {@link java.security.SecureRandom}. */
    public static String newNonce(RandomGenerator random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /** {@code client-first-message}: the GS2 header followed by the username and client nonce. */
    public String clientFirstMessage() {
        clientFirstBare = "n=" + saslName(username) + ",r=" + clientNonce;
        return GS2_HEADER + clientFirstBare;
    }

    /** {@code client-final-message} answering the server's {@code server-first-message}. */
    public String clientFinalMessage(String serverFirst) throws ScramException {
        if (clientFirstBare == null) {
            throw new IllegalStateException("client-first-message not sent yet");
        }
        Map<Character, String> attributes = attributes(serverFirst);
        if (attributes.containsKey('m')) {
            throw new ScramException("server requires an unsupported mandatory extension");
        }
        String nonce = required(attributes, 'r');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new ScramException("server nonce does not extend the client nonce");
        }
        byte[] salt = decode(required(attributes, 's'));
        int iterations = iterations(required(attributes, 'i'));

        ScramKeys keys = cache.keysFor(mechanism, password, salt, iterations);
        String withoutProof = "c=" + CHANNEL_BINDING + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] proof = mechanism.hmac(keys.storedKey(), authMessage);
        for (int i = 0; i < proof.length; i++) {
            proof[i] ^= keys.clientKey()[i];
        }
        expectedServerSignature = mechanism.hmac(keys.serverKey(), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Checks the server's signature in {@code server-final-message}; throws unless it proves the server. */
    public void verifyServerFinal(String serverFinal) throws ScramException {
        if (expectedServerSignature == null) {
            throw new IllegalStateException("client-final-message not sent yet");
        }
        Map<Character, String> attributes = attributes(serverFinal);
        if (attributes.containsKey('e')) {
            throw new ScramException("server reported " + attributes.get('e'));
        }
        byte[] signature = decode(required(attributes, 'v'));
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new ScramException("server signature does not verify");
        }
    }

    /** {@code saslname} of RFC 5802 §5.1: '=' and ',' escaped. */
    static String saslName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    private static Map<Character, String> attributes(String message) throws ScramException {
        Map<Character, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw new ScramException("malformed attribute '" + part + "'");
            }
            attributes.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return attributes;
    }

    private static String required(Map<Character, String> attributes, char name) throws ScramException {
        String value = attributes.get(name);
        if (value == null || value.isEmpty()) {
            throw new ScramException("missing attribute " + name);
        }
        return value;
    }

    private static byte[] decode(String base64) throws ScramException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ScramException("invalid base64");
        }
    }

    private static int iterations(String value) throws ScramException {
        try {
            int iterations = Integer.parseInt(value);
            if (iterations < 1) {
                throw new ScramException("iteration count must be positive");
            }
            return iterations;
        } catch (NumberFormatException e) {
            throw new ScramException("invalid iteration count");
        }
    }
}
