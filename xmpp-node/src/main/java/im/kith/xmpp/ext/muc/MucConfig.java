package im.kith.xmpp.ext.muc;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Multi-user chat settings ({@code kith.muc.*}, KITH_MUC_* environment variables). */
@ConfigMapping(prefix = "kith.muc")
public interface MucConfig {

    /** The MUC service domain (KITH_MUC_DOMAIN); {@code groups.} + the XMPP domain when unset. */
    Optional<String> domain();

    /** Occupants a new room admits (KITH_MUC_MAX_USERS); owners may lower or raise it up to this. */
    @WithName("max-users")
    @WithDefault("200")
    int maxUsers();

    /** Messages of history a new room sends on join (KITH_MUC_HISTORY_LENGTH). */
    @WithName("history-length")
    @WithDefault("20")
    int historyLength();

    /** Largest history an owner may configure or a joining client may request (KITH_MUC_MAX_HISTORY). */
    @WithName("max-history")
    @WithDefault("100")
    int maxHistory();

    /** Page size of a room archive query without RSM {@code <max/>} (KITH_MUC_DEFAULT_PAGE). */
    @WithName("default-page")
    @WithDefault("50")
    int defaultPage();

    /** Largest page of a room archive query (KITH_MUC_MAX_PAGE). */
    @WithName("max-page")
    @WithDefault("250")
    int maxPage();
}
