package im.kith.xmpp.transport.web;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Configuration of the web transports; each value is also a {@code KITH_WEB_*} environment variable. */
@ConfigMapping(prefix = "kith.web")
public interface WebConfig {

    /**
     * Whether plain HTTP requests are redirected to HTTPS with 301 (KITH_WEB_HTTPS_REDIRECT). ACME
     * HTTP-01 challenges and host-meta stay reachable over plain HTTP. When off, plain-HTTP WebSocket
     * and BOSH are still accepted from loopback only (a TLS-terminating proxy on the same host).
     */
    @WithName("https-redirect")
    @WithDefault("true")
    boolean httpsRedirect();

    /**
     * The HTTPS port clients reach, for redirects and host-meta, when a proxy or port mapping differs
     * from the port the node listens on (KITH_WEB_PUBLIC_HTTPS_PORT). Default: the listening port.
     */
    @WithName("public-https-port")
    OptionalInt publicHttpsPort();

    /** BOSH settings. */
    Bosh bosh();

    interface Bosh {
        /** Upper bound of the XEP-0124 'wait' a client may ask for (KITH_WEB_BOSH_MAX_WAIT). */
        @WithName("max-wait")
        @WithDefault("PT60S")
        Duration maxWait();

        /** XEP-0124 'inactivity': time without a request before a session ends (KITH_WEB_BOSH_INACTIVITY). */
        @WithDefault("PT60S")
        Duration inactivity();

        /** Largest request body, in bytes (KITH_WEB_BOSH_MAX_BODY_BYTES). */
        @WithName("max-body-bytes")
        @WithDefault("524288")
        int maxBodyBytes();

        /** Origins allowed to call BOSH from a browser, or {@code *} (KITH_WEB_BOSH_ALLOWED_ORIGINS). */
        @WithName("allowed-origins")
        @WithDefault("*")
        List<String> allowedOrigins();
    }
}
