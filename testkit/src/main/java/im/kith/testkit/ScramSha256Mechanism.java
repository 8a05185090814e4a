package im.kith.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.CallbackHandler;

import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * A client-side SCRAM-SHA-256 (RFC 7677, RFC 5802) mechanism for Smack 4.4, whose own SCRAM engine
 * only computes SHA-1 stored keys. Registered with Smack by {@link XmppClients}.
 */
public final class ScramSha256Mechanism extends SASLMechanism {
    public static final String NAME = "SCRAM-SHA-256";
    private static final String GS2_HEADER = "n,,";
    private static final SecureRandom RANDOM = new SecureRandom();

    private String clientFirstBare;
    private String clientNonce;
    private byte[] expectedServerSignature;
    private boolean verified;

    @Override
    protected void authenticateInternal(CallbackHandler cbh) {
        throw new UnsupportedOperationException("callback authentication is not supported");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        clientNonce = Base64.getEncoder().encodeToString(nonce);
        clientFirstBare = "n=" + authenticationId.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String message = new String(challenge, StandardCharsets.UTF_8);
        Map<Character, String> attrs = parse(message);
        if (expectedServerSignature != null) {
            byte[] v = Base64.getDecoder().decode(attrs.getOrDefault('v', ""));
            if (!MessageDigest.isEqual(v, expectedServerSignature)) {
                throw new SmackSaslException("server signature does not verify");
            }
            verified = true;
            return null;
        }
        String nonce = attrs.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce) || attrs.get('s') == null || attrs.get('i') == null) {
            throw new SmackSaslException("bad server-first-message: " + message);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(attrs.get('s'));
            int iterations = Integer.parseInt(attrs.get('i'));
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(saslPrep(password).toCharArray(), salt, iterations, 256))
                    .getEncoded();
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
                    + ",r=" + nonce;
            String authMessage = clientFirstBare + "," + message + "," + withoutProof;
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SmackSaslException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<Character, String> parse(String message) {
        Map<Character, String> out = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                out.put(part.charAt(0), part.substring(2));
            }
        }
        return out;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        return 105; // Smack prefers lower values: ahead of SCRAM-SHA-1 (110)
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!verified) {
            throw new SmackSaslException("the server did not prove it knows the password");
        }
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }
}
