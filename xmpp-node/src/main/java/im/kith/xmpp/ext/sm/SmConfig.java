package im.kith.xmpp.ext.sm;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Stream management settings ({@code kith.sm.*}, environment variables {@code KITH_SM_*}). */
@ConfigMapping(prefix = "kith.sm")
public interface SmConfig {

    /**
     * How long a session whose connection was lost stays bound and resumable (KITH_SM_RESUME_TIMEOUT);
     * announced as 'max' in {@code <enabled/>}, lowered to a client's shorter 'max'. PT0S disables
     * resumption (acknowledgements still work).
     */
    @WithName("resume-timeout")
    @WithDefault("PT5M")
    Duration resumeTimeout();

    /**
     * Most stanzas sent to one client and not yet acknowledged (KITH_SM_MAX_UNACKED). Beyond it the
     * stream is closed with {@code resource-constraint} and the unacknowledged messages are re-routed.
     */
    @WithName("max-unacked")
    @WithDefault("1000")
    int maxUnacked();
}
