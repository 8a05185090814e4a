package im.kith.invite.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Anti-CSRF tokens for the registration form: an HMAC of the invite token under a key drawn at start,
 * so a form only posts back to the invite it was rendered for, and a page of another site cannot forge
 * it. A restart invalidates open forms; the invitee just submits again.
 */
@ApplicationScoped
public class CsrfTokens {
    private final byte[] key = new byte[32];

    CsrfTokens() {
        new SecureRandom().nextBytes(key);
    }

    public String issue(String inviteToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(("invite-form:" + inviteToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of a submitted token. */
    public boolean valid(String inviteToken, String submitted) {
        return submitted != null && MessageDigest.isEqual(issue(inviteToken).getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }
}
