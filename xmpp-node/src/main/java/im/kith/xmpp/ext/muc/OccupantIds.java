package im.kith.xmpp.ext.muc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0421 occupant identifiers: HMAC-SHA-256 of the real bare JID under the room's secret, so the
 * id is stable per user and room (§3: the same for all of a user's sessions and across nick changes)
 * and reveals nothing about the JID (§5: not derivable without the room's secret).
 */
final class OccupantIds {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private OccupantIds() {
    }

    static String of(byte[] roomSecret, Jid realJid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(roomSecret, "HmacSHA256"));
            byte[] h = mac.doFinal(realJid.toBareString().getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(h, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static Element element(byte[] roomSecret, Jid realJid) {
        return Element.builder("occupant-id", MucNs.OCCUPANT_ID).attribute("id", of(roomSecret, realJid)).build();
    }
}
