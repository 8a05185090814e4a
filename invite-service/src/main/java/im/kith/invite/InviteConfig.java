package im.kith.invite;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Configuration of invitations, registration and circles. Every value is driven by a {@code KITH_*}
 * environment variable, named in each method's documentation.
 */
@ConfigMapping(prefix = "kith")
public interface InviteConfig {

    /** Who may create accounts in-band (KITH_REGISTRATION): invite, open or closed. */
    @WithDefault("invite")
    RegistrationMode registration();

    /** Whether users who are not admins may create invites (KITH_USER_INVITES). */
    @WithName("user-invites")
    @WithDefault("true")
    boolean userInvites();

    /** Settings of invites. */
    Invites invites();

    /** How in-band registration (XEP-0077) is governed. */
    enum RegistrationMode {
        /** Only with a valid invite token. */
        INVITE,
        /** Anybody, throttled per IP address. */
        OPEN,
        /** Nobody; invites still work on the web page. */
        CLOSED
    }

    interface Invites {
        /**
         * Public base URL of the landing pages, e.g. {@code https://example.org} (KITH_INVITES_BASE_URL);
         * default {@code https://DOMAIN}.
         */
        @WithName("base-url")
        Optional<String> baseUrl();

        /** Name of the community, shown on pages and used for the default circle (KITH_INVITES_SITE_NAME); default DOMAIN. */
        @WithName("site-name")
        Optional<String> siteName();

        /** Lifetime of a new invite unless given (KITH_INVITES_DEFAULT_EXPIRY). */
        @WithName("default-expiry")
        @WithDefault("P7D")
        Duration defaultExpiry();

        /** Lifetime of a password reset invite (KITH_INVITES_RESET_EXPIRY). */
        @WithName("reset-expiry")
        @WithDefault("PT24H")
        Duration resetExpiry();

        /** Failed redemption attempts allowed per IP address within {@link #failureWindow()} (KITH_INVITES_MAX_FAILURES). */
        @WithName("max-failures")
        @WithDefault("10")
        int maxFailures();

        /** Window of the failed-attempt count (KITH_INVITES_FAILURE_WINDOW). */
        @WithName("failure-window")
        @WithDefault("PT15M")
        Duration failureWindow();

        /** Accounts created per IP address and hour by open registration (KITH_INVITES_OPEN_PER_HOUR). */
        @WithName("open-per-hour")
        @WithDefault("5")
        int openPerHour();

        /** Whether to log a one-time admin invite at start while there is no admin (KITH_INVITES_FIRST_ADMIN). */
        @WithName("first-admin")
        @WithDefault("true")
        boolean firstAdmin();
    }
}
