package im.kith.xmpp.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;


import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.sasl.AuthConfig;
import im.kith.xmpp.sasl.CredentialStore;
import im.kith.xmpp.sasl.ScramHash;
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
        byte[] input = ("kith bind2 resource\0" + localpart + "\0" + clientId + "\0" + (tag == null ? "" : tag))
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = ScramHash.SHA_256.hmac(credentials.decoySecret(), input);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(out, 9));
    }
}
