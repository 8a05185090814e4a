package im.kith.xmpp.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.sasl.AuthConfig;
import im.kith.xmpp.sasl.CredentialStore;
import im.kith.xmpp.sasl.fast.FastMechanisms;
import im.kith.xmpp.sasl.fast.FastTokens;

/** What SASL2 negotiation uses beyond RFC 6120 SASL: its settings, FAST, and stable Bind 2 resources. */
@ApplicationScoped
public class Sasl2Services {
    private final AuthConfig.Sasl2 config;
    private final FastMechanisms fastMechanisms;
    private final FastTokens fastTokens;
    private final CredentialStore credentials;

    Sasl2Services(AuthConfig auth, FastMechanisms fastMechanisms, FastTokens fastTokens,
            CredentialStore credentials) {
        this.config = auth.sasl2();
        this.fastMechanisms = fastMechanisms;
        this.fastTokens = fastTokens;
        this.credentials = credentials;
    }

    boolean enabled() {
        return config.enabled();
    }

    boolean fastEnabled() {
        return config.fast();
    }

    FastMechanisms fastMechanisms() {
        return fastMechanisms;
    }

    FastTokens fastTokens() {
        return fastTokens;
    }

    /**
     * The server-generated part of a Bind 2 resource (XEP-0386 §2.2.1): stable for the same account, client
     * installation and tag, so a reconnecting client gets its old full JID back (and replaces its own stale
     * session), while the user-agent id itself is not revealed.
     */
    String stableResourceId(String localpart, String clientId, String tag) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.decoySecret(), "HmacSHA256"));
            mac.update("kith bind2 resource\0".getBytes(StandardCharsets.UTF_8));
            mac.update((localpart + "\0" + clientId + "\0" + (tag == null ? "" : tag)).getBytes(StandardCharsets.UTF_8));
            byte[] out = mac.doFinal();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(out, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
