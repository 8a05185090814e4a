package im.kith.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) and their channel-binding variants
 * SCRAM-SHA-1-PLUS and SCRAM-SHA-256-PLUS (RFC 5802 §6) with the binding types
 * {@value #TLS_EXPORTER} (RFC 9266) and {@value #TLS_SERVER_END_POINT} (RFC 5929).
 */
final class ScramMechanism implements SaslMechanism {
    static final String TLS_EXPORTER = "tls-exporter";
    static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** Binding types this implementation can verify, most preferred first (XEP-0440 §4). */
    static final List<String> SUPPORTED_BINDINGS = List.of(TLS_EXPORTER, TLS_SERVER_END_POINT);

    private final ScramHash hash;
    private final boolean plus;
    private final String name;
    private final Services services;

    /**
     * What the exchanges of all SCRAM mechanisms share.
     *
     * @param store      where accounts are looked up
     * @param throttle   failed-login throttle
     * @param nonces     source of server nonces (printable, no ',')
     * @param iterations iteration count presented for accounts that do not exist
     */
    record Services(CredentialStore store, AuthThrottle throttle, Supplier<String> nonces, int iterations) {
    }

    ScramMechanism(ScramHash hash, boolean plus, Services services) {
        this.hash = hash;
        this.plus = plus;
        this.name = hash.mechanism() + (plus ? "-PLUS" : "");
        this.services = services;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean offerable(SaslContext context) {
        return !plus || offersChannelBinding(context);
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ScramExchange(this, context);
    }

    ScramHash hash() {
        return hash;
    }

    boolean plus() {
        return plus;
    }

    Services services() {
        return services;
    }

    /** Whether -PLUS mechanisms are offered on this connection: it has a binding type we can verify. */
    static boolean offersChannelBinding(SaslContext context) {
        return context.channelBinding().types().stream().anyMatch(SUPPORTED_BINDINGS::contains);
    }

    /**
     * The credential presented for a name that is not an account with this hash: salt and keys derived
     * from the server's decoy secret and the name, so the same name always gets the same salt, and a
     * proof can never match.
     */
    ScramCredential decoy(String username) {
        byte[] secret = services.store().decoySecret();
        byte[] salt = Arrays.copyOf(ScramHash.SHA_256.hmac(secret, label("salt", username)),
                ScramCredential.SALT_LENGTH);
        byte[] storedKey = hash.hmac(secret, label("stored-key", username));
        byte[] serverKey = hash.hmac(secret, label("server-key", username));
        return new ScramCredential(hash, salt, services.iterations(), storedKey, serverKey);
    }

    private byte[] label(String purpose, String username) {
        return (purpose + '\0' + hash.mechanism() + '\0' + username).getBytes(StandardCharsets.UTF_8);
    }
}
