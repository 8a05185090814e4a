package im.kith.portal;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the web portal ({@code kith.portal.*}, KITH_PORTAL_* environment variables). */
@ConfigMapping(prefix = "kith.portal")
public interface PortalConfig {

    /** A portal session ends after this long without a request (KITH_PORTAL_SESSION_IDLE). */
    @WithName("session-idle")
    @WithDefault("PT30M")
    Duration sessionIdle();

    /**
     * Most portal sessions kept in memory; when full, the one idle longest is ended to make room
     * (KITH_PORTAL_MAX_SESSIONS).
     */
    @WithName("max-sessions")
    @WithDefault("1000")
    int maxSessions();
}
