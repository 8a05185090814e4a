package im.kith.xmpp.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;

/** The identity rules of RFC 6120 §6.3.7 and §6.3.8 shared by all mechanisms. */
public final class Identities {
    private Identities() {
    }

    /**
     * The account a SASL user name (authcid) names: a client sends its localpart (RFC 6120 §6.3.7),
     * normalised like a JID localpart (RFC 7622 §3.3). Null if the name cannot be a localpart.
     */
    public static String localpart(String username) {
        try {
            return Jid.normalizeLocal(username);
        } catch (JidException e) {
            return null;
        }
    }

    /** The message decoded as UTF-8 (RFC 4422 §4, SASL strings), or null if it is not well-formed UTF-8. */
    public static String utf8(byte[] message) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether an authorization identity is acceptable: a client may only act as its own account, so the
     * authzid must be that account's bare JID (RFC 6120 §6.3.8).
     */
    public static boolean authorizes(String authzid, String localpart, String domain) {
        if (localpart == null) {
            return false;
        }
        try {
            return Jid.parse(authzid).equals(Jid.of(localpart, domain, null));
        } catch (JidException e) {
            return false;
        }
    }
}
