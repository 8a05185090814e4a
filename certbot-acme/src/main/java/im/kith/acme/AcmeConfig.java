package im.kith.acme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * ACME settings of the node, {@code kith.acme.*}, each driven by a {@code KITH_ACME_*} environment
 * variable. The node's domain, data directory and admin e-mail are read from {@code kith.domain},
 * {@code kith.data-dir} and {@code kith.admin-email} (see {@link AcmeSettings}).
 */
@ConfigMapping(prefix = "kith.acme")
public interface AcmeConfig {

    /**
     * Which CA to use ({@code KITH_ACME_DIRECTORY}). Empty (the default) means Let's Encrypt production
     * ({@code acme://letsencrypt.org}) unless the domain is {@code localhost}, in which case ACME is off;
     * {@code acme://letsencrypt.org/staging} is Let's Encrypt's staging CA; any {@code https://} URL is
     * taken as the directory of another ACME CA; {@code off} turns ACME off.
     */
    Optional<String> directory();

    /**
     * A PEM file with the certificate(s) to trust for the CA's own HTTPS endpoint ({@code KITH_ACME_CA}),
     * for a private CA or a test CA such as Pebble. Unset (the default): the JDK's trusted roots.
     */
    Optional<Path> ca();

    /**
     * Whether the operator has read and accepted the CA's terms of service ({@code KITH_ACME_TOS_AGREED},
     * default {@code false}). Without it no ACME account is created and the status says why.
     */
    @WithName("tos-agreed")
    @WithDefault("false")
    boolean tosAgreed();

    /**
     * The names to put on the certificate ({@code KITH_ACME_NAMES}, comma separated). Default: the
     * domain, {@code groups.}domain and {@code share.}domain. Internationalised names are converted to
     * A-labels.
     */
    Optional<List<String>> names();

    /**
     * How the CA validates the names ({@code KITH_ACME_CHALLENGE}): {@code http-01} (default, port 80) or
     * {@code tls-alpn-01} (port 443, answered by the node's HTTPS listener on {@code KITH_HTTPS_PORT}).
     */
    @WithDefault("http-01")
    String challenge();

    /**
     * Whether each renewal gets a fresh private key ({@code KITH_ACME_RENEW_KEY}, default {@code false}:
     * the certificate key is kept across renewals, so pinned keys and DANE records stay valid).
     */
    @WithName("renew-key")
    @WithDefault("false")
    boolean renewKey();

    /**
     * Time after which an unfinished order (challenges, finalisation) is given up
     * ({@code KITH_ACME_ORDER_TIMEOUT}, default 3 minutes).
     */
    @WithName("order-timeout")
    @WithDefault("PT3M")
    Duration orderTimeout();

    /**
     * First delay after a failed attempt ({@code KITH_ACME_RETRY_MIN}, default 1 minute); each further
     * failure doubles it.
     */
    @WithName("retry-min")
    @WithDefault("PT1M")
    Duration retryMin();

    /** Longest delay between two failed attempts ({@code KITH_ACME_RETRY_MAX}, default 6 hours). */
    @WithName("retry-max")
    @WithDefault("PT6H")
    Duration retryMax();
}
