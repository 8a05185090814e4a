package im.kith.xmpp.ext.upload;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** HTTP File Upload settings ({@code kith.upload.*}, KITH_UPLOAD_* environment variables). */
@ConfigMapping(prefix = "kith.upload")
public interface UploadConfig {

    /** JID of the upload component (KITH_UPLOAD_DOMAIN); {@code share.} + kith.domain by default. */
    Optional<String> domain();

    /**
     * Base of the advertised URLs, e.g. {@code https://share.example.org:8443} (KITH_UPLOAD_BASE_URL);
     * by default {@code https://} + the component domain. Slot URLs are this plus
     * {@code /upload/<id>/<file name>}.
     */
    @WithName("base-url")
    Optional<String> baseUrl();

    /** Largest file one slot may announce, in bytes (KITH_UPLOAD_MAX_FILE_SIZE); 100 MiB by default. */
    @WithName("max-file-size")
    @WithDefault("104857600")
    long maxFileSize();

    /** Bytes one user may upload within 24 hours (KITH_UPLOAD_DAILY_QUOTA); 1 GiB by default. */
    @WithName("daily-quota")
    @WithDefault("1073741824")
    long dailyQuota();

    /** Bytes all stored uploads may take together (KITH_UPLOAD_TOTAL_QUOTA); 20 GiB by default. */
    @WithName("total-quota")
    @WithDefault("21474836480")
    long totalQuota();

    /** How long a slot may be used for its PUT (KITH_UPLOAD_SLOT_LIFETIME). */
    @WithName("slot-lifetime")
    @WithDefault("PT5M")
    Duration slotLifetime();

    /** How often the retention job runs (KITH_UPLOAD_PURGE_EVERY). */
    @WithName("purge-every")
    @WithDefault("PT1H")
    Duration purgeEvery();
}
