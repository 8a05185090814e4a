package im.kith.xmpp.ext.upload;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.support.Blocking;

/** Hands out slots within the size limit and the quotas, and knows their URLs and files. */
@ApplicationScoped
class SlotService {
    static final String PATH_PREFIX = "/upload/";

    private final UploadConfig config;
    private final UploadStore store;
    private final SlotTokens tokens;
    private final Blocking blocking;
    private final Clock clock;
    private final Jid domain;
    private final String baseUrl;
    private final Path directory;
    private final SecureRandom random = new SecureRandom();

    SlotService(UploadConfig config, NodeConfig node, UploadStore store, SlotTokens tokens, Blocking blocking,
            Clock clock) {
        this.config = config;
        this.store = store;
        this.tokens = tokens;
        this.blocking = blocking;
        this.clock = clock;
        this.domain = Jid.domain(config.domain().orElse("share." + node.domain()));
        String base = config.baseUrl().orElse("https://" + domain.domain());
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.directory = Path.of(node.dataDir(), "uploads").toAbsolutePath();
    }

    /** The component's JID. */
    Jid domain() {
        return domain;
    }

    long maxFileSize() {
        return config.maxFileSize();
    }

    /** Where uploads are stored. */
    Path directory() {
        return directory;
    }

    /** The file of a slot: its id only, never a name the uploader chose. */
    Path file(String id) {
        return directory.resolve(id);
    }

    /** Where a PUT is written until it is complete. */
    Path partFile(String id) {
        return directory.resolve(id + ".part");
    }

    String url(Slot slot) {
        return baseUrl + PATH_PREFIX + slot.id() + "/" + slot.fileName();
    }

    String authorization(Slot slot) {
        return tokens.authorization(slot);
    }

    boolean authorized(Slot slot, String header) {
        return tokens.verify(slot, header);
    }

    Instant now() {
        return clock.instant();
    }

    /** Reserves a slot for a local account, or says why not. */
    CompletionStage<SlotGrant> request(String uploader, SlotRequest request) {
        if (request.size() > config.maxFileSize()) {
            return java.util.concurrent.CompletableFuture.completedFuture(new SlotGrant.TooLarge(config.maxFileSize()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] id = new byte[16];
        random.nextBytes(id);
        Slot slot = new Slot(HexFormat.of().formatHex(id), uploader, request.fileName(), request.size(),
                request.contentType(), now, now.plus(config.slotLifetime()), SlotState.PENDING);
        return blocking.supply(() -> store.reserve(slot, usage -> admit(slot, usage),
                verdict -> verdict instanceof SlotGrant.Granted));
    }

    private SlotGrant admit(Slot slot, UploadStore.Usage usage) {
        if (usage.userToday() + slot.size() > config.dailyQuota()) {
            Instant retry = usage.oldestToday() == null ? slot.createdAt().plus(Duration.ofDays(1))
                    : usage.oldestToday().plus(Duration.ofDays(1));
            return new SlotGrant.QuotaReached(retry.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        }
        if (usage.total() + slot.size() > config.totalQuota()) {
            return new SlotGrant.StorageFull();
        }
        return new SlotGrant.Granted(slot);
    }
}
