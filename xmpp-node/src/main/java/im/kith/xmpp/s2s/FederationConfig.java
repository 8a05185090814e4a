package im.kith.xmpp.s2s;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Federation settings; each is set through the {@code KITH_*} environment variable named in its
 * javadoc. The listener port itself is {@code kith.s2s.port} in {@link im.kith.xmpp.config.NodeConfig};
 * the on/off switch is {@code kith.federation} (KITH_FEDERATION, default on), read by
 * {@link FederationPolicy}.
 */
@ConfigMapping(prefix = "kith.s2s")
public interface FederationConfig {

    /** Domains never federated with, in either direction (KITH_S2S_BLOCKLIST, comma-separated). */
    Optional<List<String>> blocklist();

    /** If set, the only domains federated with (KITH_S2S_ALLOWLIST, comma-separated). */
    Optional<List<String>> allowlist();

    /**
     * Whether accounts with the limited role are kept to this server: nothing they send leaves it and
     * nothing from other servers reaches them (KITH_S2S_LIMITED_LOCAL_ONLY).
     */
    @WithName("limited-local-only")
    @WithDefault("true")
    boolean limitedLocalOnly();

    /**
     * Static routes that replace DNS for the listed domains (KITH_S2S_HOSTS, comma-separated
     * {@code domain=host:port}); for tests and private networks.
     */
    Optional<List<String>> hosts();

    /**
     * UNSAFE, for tests: domains whose certificates are accepted unverified; they authenticate by
     * dialback (KITH_S2S_INSECURE_DOMAINS, comma-separated).
     */
    @WithName("insecure-domains")
    Optional<List<String>> insecureDomains();

    /**
     * The DNS server asked for the SRV records of remote domains, {@code host} or {@code host:port} (port 53
     * by default; {@code [v6]:port} for IPv6 literals), instead of the system's resolvers
     * (KITH_S2S_DNS_SERVER); unset by default. For networks with a dedicated resolver, and for tests.
     */
    @WithName("dns-server")
    Optional<String> dnsServer();

    /**
     * Whether streams may carry stanzas both ways (XEP-0288): offered to servers that connect here and
     * asked for on the streams this server opens, so that one TCP connection serves a domain pair
     * (KITH_S2S_BIDI). When false, neither offered nor asked for: one connection per direction.
     */
    @WithDefault("true")
    boolean bidi();

    /** Extra trusted CA certificates (PEM file) for peer certificates, besides the JDK trust store (KITH_S2S_CA). */
    Optional<String> ca();

    /** An outgoing or incoming stream with no traffic for this long is closed (KITH_S2S_IDLE_TIMEOUT). */
    @WithName("idle-timeout")
    @WithDefault("PT10M")
    Duration idleTimeout();

    /**
     * Time to resolve, connect, secure and authenticate an outgoing stream; queued stanzas then
     * bounce with remote-server-timeout (KITH_S2S_CONNECT_TIMEOUT).
     */
    @WithName("connect-timeout")
    @WithDefault("PT30S")
    Duration connectTimeout();

    /** Time an incoming stream may take to authenticate (KITH_S2S_AUTH_TIMEOUT). */
    @WithName("auth-timeout")
    @WithDefault("PT60S")
    Duration authTimeout();

    /** Stanzas queued per remote domain while its stream is being set up (KITH_S2S_QUEUE). */
    @WithDefault("200")
    int queue();

    /** Sustained stanzas per second accepted from one remote domain (KITH_S2S_RATE). */
    @WithDefault("50")
    int rate();

    /** Burst of stanzas accepted from one remote domain above the rate (KITH_S2S_BURST). */
    @WithDefault("200")
    int burst();
}
