package im.kith.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The client side of SCRAM (RFC 5802 §3), written from the RFC, to drive the server in tests. */
final class ScramClient {
    private final ScramHash hash;
    private final String password;
    private final String gs2Header;
    private final byte[] bindingData;
    private final String clientFirstBare;
    private String authMessage;
    private byte[] saltedPassword;
    private String saltedFor;

    /**
     * @param gs2Header   e.g. {@code "n,,"}, {@code "y,,"}, {@code "p=tls-exporter,,"}
     * @param bindingData the channel-binding data the client sees ({@code p} only), else empty
     */
    ScramClient(ScramHash hash, String user, String password, String nonce, String gs2Header, byte[] bindingData) {
        this.hash = hash;
        this.password = password;
        this.gs2Header = gs2Header;
        this.bindingData = bindingData;
        this.clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
    }

    String clientFirst() {
        return gs2Header + clientFirstBare;
    }

    /** The client-final-message answering a server-first-message. */
    String clientFinal(String serverFirst) {
        String[] parts = serverFirst.split(",");
        // A new exchange with the same client object reuses its nonce; the server adds a fresh part.
        String nonce = parts[0].substring(2);
        byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
        int iterations = Integer.parseInt(parts[2].substring(2));
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] cbind = new byte[header.length + bindingData.length];
        System.arraycopy(header, 0, cbind, 0, header.length);
        System.arraycopy(bindingData, 0, cbind, header.length, bindingData.length);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        if (!(parts[1] + parts[2]).equals(saltedFor)) { // Hi is costly: reuse it for the same salt
            saltedPassword = hash.hi(Passwords.prepare(password), salt, iterations);
            saltedFor = parts[1] + parts[2];
        }
        byte[] clientKey = hash.hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = hash.hmac(hash.digest(clientKey), authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = clientKey.clone();
        ScramHash.xorInto(proof, signature);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** The server-final-message the server must send. */
    String expectedServerFinal() {
        byte[] serverKey = hash.hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return "v=" + Base64.getEncoder().encodeToString(
                hash.hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8)));
    }
}
