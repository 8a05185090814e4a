package im.kith.xmpp.ext.push;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Push notification settings ({@code kith.push.*}, KITH_PUSH_* environment variables). */
@ConfigMapping(prefix = "kith.push")
public interface PushConfig {

    /** Whether summaries name the sender of the last message (KITH_PUSH_INCLUDE_SENDER); off by default. */
    @WithName("include-sender")
    @WithDefault("false")
    boolean includeSender();

    /**
     * Least time between two notifications to one device (KITH_PUSH_MIN_INTERVAL); messages in between
     * are counted into one notification sent when the interval has passed.
     */
    @WithName("min-interval")
    @WithDefault("PT10S")
    Duration minInterval();

    /** How long an app server has to answer a publish before it is forgotten (KITH_PUSH_REPLY_TIMEOUT). */
    @WithName("reply-timeout")
    @WithDefault("PT60S")
    Duration replyTimeout();
}
