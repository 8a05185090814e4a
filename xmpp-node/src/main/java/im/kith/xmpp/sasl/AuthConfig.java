package im.kith.xmpp.sasl;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Authentication settings ({@code kith.auth.*}, environment variables {@code KITH_AUTH_*}). */
@ConfigMapping(prefix = "kith.auth")
public interface AuthConfig {

    /**
     * PBKDF2 iteration count for newly stored SCRAM-SHA-1 and SCRAM-SHA-256 credentials
     * (KITH_AUTH_SCRAM_ITERATIONS). RFC 7677 §4 asks for at least 4096. The server never runs the
     * iterations for a SCRAM login (the client does), only when a password is set and for each PLAIN
     * login; see the package documentation for the cost.
     */
    @WithName("scram-iterations")
    @WithDefault("4096")
    int scramIterations();

    /** Throttling of failed logins. */
    Throttle throttle();

    /** Extensible SASL Profile (XEP-0388) with Bind 2 (XEP-0386) and FAST tokens (XEP-0484). */
    Sasl2 sasl2();

    /** SASL2 settings. */
    interface Sasl2 {
        /**
         * Whether SASL2 is offered beside RFC 6120 SASL (KITH_AUTH_SASL2_ENABLED). Clients that do not know it
         * keep using RFC 6120 SASL either way.
         */
        @WithDefault("true")
        boolean enabled();

        /** Whether FAST token login is offered inside SASL2 (KITH_AUTH_SASL2_FAST). */
        @WithDefault("true")
        boolean fast();

        /**
         * How long a FAST token stays valid (KITH_AUTH_SASL2_FAST_TOKEN_LIFETIME). A device that stays offline
         * longer has to log in with the password again; a token past half its lifetime is replaced at the next
         * login with it.
         */
        @WithName("fast-token-lifetime")
        @WithDefault("P21D")
        Duration fastTokenLifetime();
    }

    /**
     * Throttling of failed logins. Each limit is a leaky bucket: up to {@code max-failures} failed logins
     * in a burst, after which one more is allowed every {@code window / max-failures}; a full bucket
     * drains in {@code window}. A maximum of 0 turns that throttle off.
     */
    interface Throttle {
        /** Failed logins allowed in a burst from one IPv4 address or IPv6 /64 (KITH_AUTH_THROTTLE_IP_MAX_FAILURES). */
        @WithName("ip-max-failures")
        @WithDefault("20")
        int ipMaxFailures();

        /** Time in which the bucket of an address drains (KITH_AUTH_THROTTLE_IP_WINDOW). */
        @WithName("ip-window")
        @WithDefault("PT5M")
        Duration ipWindow();

        /**
         * Failed logins allowed in a burst for one account name, existing or not
         * (KITH_AUTH_THROTTLE_ACCOUNT_MAX_FAILURES).
         */
        @WithName("account-max-failures")
        @WithDefault("5")
        int accountMaxFailures();

        /** Time in which the bucket of an account name drains (KITH_AUTH_THROTTLE_ACCOUNT_WINDOW). */
        @WithName("account-window")
        @WithDefault("PT5M")
        Duration accountWindow();

        /**
         * Most addresses, and separately most account names, whose failures are remembered
         * (KITH_AUTH_THROTTLE_MAX_ENTRIES); the least recently seen are forgotten first.
         */
        @WithName("max-entries")
        @WithDefault("100000")
        int maxEntries();
    }
}
