package im.kith.xmpp.ext.upload;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The authorization a slot's PUT carries (XEP-0363 §4: the {@code Authorization} header of the slot):
 * an HMAC-SHA-256 over the slot id, size, content type and expiry, under a key made at start. Slots live
 * for minutes, so a restart only invalidates the few handed out just before it.
 */
@ApplicationScoped
class SlotTokens {
    static final String SCHEME = "Bearer ";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    SlotTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The Authorization header value for a slot. */
    String authorization(Slot slot) {
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(slot));
    }

    /** Whether an Authorization header value is the one made for this slot (constant time). */
    boolean verify(Slot slot, String header) {
        if (header == null || !header.startsWith(SCHEME)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(header.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(slot), presented);
    }

    private byte[] mac(Slot slot) {
        String data = slot.id() + '\n' + slot.size() + '\n' + slot.contentType() + '\n'
                + slot.expiresAt().getEpochSecond();
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
