package im.kith.xmpp.sasl;

import java.util.Base64;

/**
 * Parser for the two client messages of SCRAM, following the grammar of RFC 5802 §7. Anything that does
 * not match it is a {@code malformed-request}.
 */
final class ScramMessages {
    /** Longest client nonce accepted; real clients send 16 to 64 characters. */
    static final int MAX_NONCE = 256;

    private ScramMessages() {
    }

    /**
     * The client-first-message: {@code gs2-header client-first-message-bare}.
     *
     * @param cbindFlag {@code 'n'}, {@code 'y'} or {@code 'p'} (RFC 5802 §7 gs2-cbind-flag)
     * @param cbindName the channel-binding type for {@code 'p'}, else null
     * @param authzid   the decoded authorization identity, or null if absent
     * @param username  the decoded user name, not yet normalised
     * @param nonce     the client nonce
     * @param gs2Header the header exactly as sent, which the client-final-message must echo in {@code c=}
     * @param bare      client-first-message-bare exactly as sent, the first part of the AuthMessage
     */
    record ClientFirst(char cbindFlag, String cbindName, String authzid, String username, String nonce,
            String gs2Header, String bare) {
    }

    /**
     * The client-final-message.
     *
     * @param channelBinding the decoded {@code c=} value
     * @param nonce          the combined nonce
     * @param proof          the decoded ClientProof
     * @param withoutProof   client-final-message-without-proof exactly as sent, the end of the AuthMessage
     */
    record ClientFinal(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {
    }

    static ClientFirst parseClientFirst(byte[] message) throws SaslException {
        String s = utf8(message);
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int comma1 = s.indexOf(',');
        if (comma1 < 0) {
            throw SaslException.malformed("missing GS2 header");
        }
        String flag = s.substring(0, comma1);
        char cbindFlag;
        String cbindName = null;
        if (flag.equals("n") || flag.equals("y")) {
            cbindFlag = flag.charAt(0);
        } else if (flag.startsWith("p=") && flag.length() > 2 && isCbName(flag.substring(2))) {
            cbindFlag = 'p';
            cbindName = flag.substring(2);
        } else {
            throw SaslException.malformed("invalid channel-binding flag");
        }
        int comma2 = s.indexOf(',', comma1 + 1);
        if (comma2 < 0) {
            throw SaslException.malformed("missing GS2 header");
        }
        String authzidField = s.substring(comma1 + 1, comma2);
        String authzid = null;
        if (!authzidField.isEmpty()) {
            if (!authzidField.startsWith("a=")) {
                throw SaslException.malformed("invalid authzid field");
            }
            authzid = saslname(authzidField.substring(2));
        }
        String gs2Header = s.substring(0, comma2 + 1);
        String bare = s.substring(comma2 + 1);

        // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
        String[] attributes = bare.split(",", -1);
        if (attributes[0].startsWith("m=")) {
            // RFC 5802 §5.1: a server that does not support a mandatory extension MUST fail.
            throw new SaslException(SaslFailure.MALFORMED_REQUEST, "mandatory extension not supported");
        }
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            throw SaslException.malformed("expected n= and r=");
        }
        String username = saslname(attributes[0].substring(2));
        if (username.isEmpty()) {
            throw SaslException.malformed("empty user name");
        }
        String nonce = nonce(attributes[1].substring(2));
        checkExtensions(attributes, 2, attributes.length);
        return new ClientFirst(cbindFlag, cbindName, authzid, username, nonce, gs2Header, bare);
    }

    static ClientFinal parseClientFinal(byte[] message) throws SaslException {
        String s = utf8(message);
        // client-final-message = channel-binding "," nonce ["," extensions] "," proof
        String[] attributes = s.split(",", -1);
        int last = attributes.length - 1;
        if (attributes.length < 3 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")
                || !attributes[last].startsWith("p=")) {
            throw SaslException.malformed("expected c=, r= and p=");
        }
        byte[] channelBinding = base64(attributes[0].substring(2), "channel binding");
        String nonce = attributes[1].substring(2); // compared with the nonce the server sent
        checkExtensions(attributes, 2, last);
        byte[] proof = base64(attributes[last].substring(2), "proof");
        String withoutProof = s.substring(0, s.length() - attributes[last].length() - 1);
        return new ClientFinal(channelBinding, nonce, proof, withoutProof);
    }

    private static String utf8(byte[] message) throws SaslException {
        String s = Identities.utf8(message);
        if (s == null) {
            throw SaslException.malformed("message is not UTF-8");
        }
        if (s.indexOf('\0') >= 0) {
            throw SaslException.malformed("NUL in message");
        }
        return s;
    }

    /** Decodes a saslname: ',' and '=' are sent as "=2C" and "=3D"; any other '=' is an error (§5.1). */
    private static String saslname(String value) throws SaslException {
        if (value.indexOf('=') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '=') {
                out.append(c);
            } else if (value.startsWith("2C", i + 1)) {
                out.append(',');
                i += 2;
            } else if (value.startsWith("3D", i + 1)) {
                out.append('=');
                i += 2;
            } else {
                throw SaslException.malformed("invalid escape in user name");
            }
        }
        return out.toString();
    }

    /** {@code c-nonce = printable}: 0x21-0x7E except ','; at least one character. */
    private static String nonce(String value) throws SaslException {
        if (value.isEmpty() || value.length() > MAX_NONCE) {
            throw SaslException.malformed("invalid nonce length");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw SaslException.malformed("invalid nonce character");
            }
        }
        return value;
    }

    /** {@code attr-val = ALPHA "=" value}; unknown optional extensions are ignored. */
    private static void checkExtensions(String[] attributes, int from, int to) throws SaslException {
        for (int i = from; i < to; i++) {
            String a = attributes[i];
            if (a.length() < 2 || a.charAt(1) != '=' || !isAlpha(a.charAt(0))) {
                throw SaslException.malformed("invalid attribute");
            }
        }
    }

    /** {@code cb-name = 1*(ALPHA / DIGIT / "." / "-")}. */
    private static boolean isCbName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static byte[] base64(String value, String what) throws SaslException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw SaslException.malformed("invalid base64 in " + what);
        }
    }
}
