package im.kith.xmpp.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Configuration of the XMPP node. Every value can be set through a {@code KITH_*} environment variable
 * (see the appliance's application.properties and the README for the mapping).
 */
@ConfigMapping(prefix = "kith")
public interface NodeConfig {

    /** The XMPP domain served, e.g. {@code example.org} (KITH_DOMAIN). */
    @WithDefault("localhost")
    String domain();

    /** Directory for certificates, uploads and the admin token (KITH_DATA_DIR). */
    @WithName("data-dir")
    @WithDefault("data")
    String dataDir();

    /** Contact address of the server's admins (KITH_ADMIN_EMAIL), advertised per XEP-0157. */
    @WithName("admin-email")
    java.util.Optional<String> adminEmail();

    /** Days archived messages and uploaded files are kept (KITH_RETENTION_DAYS); 0 or less keeps them. */
    @WithName("retention-days")
    @WithDefault("7")
    int retentionDays();

    /** Whether the node federates with other XMPP servers (KITH_FEDERATION, on/off). */
    @WithDefault("true")
    boolean federation();

    /** Client-to-server listeners. */
    C2s c2s();

    /** Server-to-server listener. */
    S2s s2s();

    /** XML and stanza limits applied to every stream. */
    Limits limits();

    /**
     * Per-feature switches: {@code kith.features.<name>.enabled=false} turns a feature off
     * (feature names are listed in docs/compliance.md).
     */
    @WithName("features")
    Map<String, FeatureSwitch> features();

    interface FeatureSwitch {
        /** Whether the feature is active. */
        @WithDefault("true")
        boolean enabled();
    }

    interface C2s {
        /** Port of the STARTTLS listener (KITH_C2S_PORT); 0 picks a free port. */
        @WithDefault("5222")
        int port();

        /** Port of the direct TLS listener, XEP-0368 (KITH_C2S_TLS_PORT); 0 picks a free port. */
        @WithName("tls-port")
        @WithDefault("5223")
        int tlsPort();

        /** Address the c2s listeners bind to. */
        @WithDefault("0.0.0.0")
        String host();

        /** Maximum concurrently bound resources of one account. */
        @WithName("max-resources")
        @WithDefault("10")
        int maxResources();

        /** Time a connection may take from TCP accept to a bound resource. */
        @WithName("auth-timeout")
        @WithDefault("PT30S")
        Duration authTimeout();

        /** A bound session with no inbound traffic for this long is closed (clients ping well within it). */
        @WithName("idle-timeout")
        @WithDefault("PT10M")
        Duration idleTimeout();

        /**
         * Average bytes per second one client or server-to-server connection may send (KITH_C2S_RATE_BYTES);
         * a faster sender is paused until it is within the rate again. 0 turns the limit off.
         */
        @WithName("rate-bytes")
        @WithDefault("131072")
        long rateBytes();

        /**
         * Bytes a connection may send at once before {@link #rateBytes()} applies (KITH_C2S_BURST_BYTES). Also
         * used for server-to-server connections.
         */
        @WithName("burst-bytes")
        @WithDefault("1048576")
        long burstBytes();

        /** Concurrent unauthenticated connections allowed from one IP address. */
        @WithName("max-pending-per-ip")
        @WithDefault("20")
        int maxPendingPerIp();
    }

    interface S2s {
        /** Port of the server-to-server listener (KITH_S2S_PORT); 0 picks a free port. */
        @WithDefault("5269")
        int port();
    }

    interface Limits {
        /** Largest stanza accepted from an authenticated client, in bytes. */
        @WithName("stanza-bytes")
        @WithDefault("262144")
        int stanzaBytes();

        /** Largest stanza (or stream element) accepted before authentication, in bytes. */
        @WithName("pre-auth-stanza-bytes")
        @WithDefault("10240")
        int preAuthStanzaBytes();

        /** Deepest element nesting inside a stanza. */
        @WithName("depth")
        @WithDefault("32")
        int depth();

        /** Most attributes on one element. */
        @WithName("attributes")
        @WithDefault("64")
        int attributes();
    }
}
