package im.kith.xmpp.im.roster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Roster limits ({@code kith.roster.*}, environment variables {@code KITH_ROSTER_*}). */
@ConfigMapping(prefix = "kith.roster")
public interface RosterConfig {

    /**
     * Most contacts one account keeps, counting contacts with only a pending subscription request
     * (KITH_ROSTER_MAX_ITEMS). Beyond it a roster set fails with {@code not-allowed} and a subscription
     * request with {@code resource-constraint}.
     */
    @WithName("max-items")
    @WithDefault("1000")
    int maxItems();

    /** Longest item name in characters (KITH_ROSTER_MAX_NAME_LENGTH); RFC 6121 §2.3.3 not-acceptable. */
    @WithName("max-name-length")
    @WithDefault("1024")
    int maxNameLength();

    /** Longest group name in characters (KITH_ROSTER_MAX_GROUP_LENGTH); RFC 6121 §2.3.3 not-acceptable. */
    @WithName("max-group-length")
    @WithDefault("1024")
    int maxGroupLength();

    /** Most groups on one item (KITH_ROSTER_MAX_GROUPS); not-acceptable beyond. */
    @WithName("max-groups")
    @WithDefault("64")
    int maxGroups();
}
