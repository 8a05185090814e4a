package im.kith.xmpp.ext.extdisco;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The STUN/TURN server advertised to clients (a coturn with {@code use-auth-secret}). */
@ConfigMapping(prefix = "kith.turn")
public interface TurnConfig {

    /** Host name of the STUN/TURN server (KITH_TURN_HOST); unset: nothing is advertised. */
    Optional<String> host();

    /** Its port (KITH_TURN_PORT). */
    @WithDefault("3478")
    int port();

    /**
     * Port of its TLS listener (KITH_TURN_TLS_PORT, usually 5349), advertised as {@code turns} over TCP;
     * unset: not advertised. KITH_TURN_CERT_DIR gives that listener Kith's certificate.
     */
    @WithName("tls-port")
    Optional<Integer> tlsPort();

    /** The shared secret of coturn's static-auth-secret (KITH_TURN_SECRET); unset: STUN only. */
    Optional<String> secret();

    /** How long handed-out TURN credentials stay valid. */
    @WithName("credential-lifetime")
    @WithDefault("PT24H")
    Duration credentialLifetime();
}
