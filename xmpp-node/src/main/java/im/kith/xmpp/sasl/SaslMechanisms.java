package im.kith.xmpp.sasl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.support.Blocking;

/**
 * The SASL mechanisms of the node, strongest first: SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, SCRAM-SHA-256,
 * SCRAM-SHA-1, PLAIN. The -PLUS variants are offered only where the connection has a channel binding we
 * can verify, PLAIN only under TLS.
 */
@ApplicationScoped
public class SaslMechanisms {
    private static final int NONCE_BYTES = 18;

    private final List<SaslMechanism> all;

    @Inject
    public SaslMechanisms(CredentialStore store, AuthThrottle throttle, AuthConfig config, Blocking blocking) {
        this(store, throttle, config.scramIterations(), blocking, randomNonces());
    }

    SaslMechanisms(CredentialStore store, AuthThrottle throttle, int iterations, Blocking blocking,
            Supplier<String> nonces) {
        var services = new ScramMechanism.Services(store, throttle, nonces, iterations);
        ScramMechanism sha256 = new ScramMechanism(ScramHash.SHA_256, false, services);
        this.all = List.of(
                new ScramMechanism(ScramHash.SHA_256, true, services),
                new ScramMechanism(ScramHash.SHA_1, true, services),
                sha256,
                new ScramMechanism(ScramHash.SHA_1, false, services),
                new PlainMechanism(sha256, store, throttle, blocking));
    }

    /** The mechanisms to advertise on this connection, strongest first (RFC 6120 §6.4.1). */
    public List<SaslMechanism> offered(SaslContext context) {
        return all.stream().filter(m -> m.offerable(context)).toList();
    }

    /** The mechanism a client selected, if it is one offered on this connection. */
    public Optional<SaslMechanism> find(String name, SaslContext context) {
        if (name == null) {
            return Optional.empty();
        }
        return all.stream().filter(m -> m.name().equals(name) && m.offerable(context)).findFirst();
    }

    /**
     * The channel-binding types SCRAM-*-PLUS accepts on this connection, to announce in the
     * {@code <sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'/>} stream feature (XEP-0440 §2); empty when
     * no -PLUS mechanism is offered.
     */
    public List<String> channelBindingTypes(SaslContext context) {
        return context.channelBinding().types().stream().filter(ScramMechanism.SUPPORTED_BINDINGS::contains)
                .toList();
    }

    /** Server nonces: 18 random bytes in base64, which never contains ','. */
    private static Supplier<String> randomNonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[NONCE_BYTES];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        };
    }
}
