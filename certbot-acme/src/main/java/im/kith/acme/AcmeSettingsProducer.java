package im.kith.acme;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Resolves {@link AcmeSettings} once from {@link AcmeConfig} and the node-wide {@code kith.*} settings. */
@Singleton
class AcmeSettingsProducer {

    /**
     * @param domain     {@code kith.domain} ({@code KITH_DOMAIN}, default {@code localhost})
     * @param dataDir    {@code kith.data-dir} ({@code KITH_DATA_DIR}, default {@code ./data})
     * @param adminEmail {@code kith.admin-email} ({@code KITH_ADMIN_EMAIL}, optional): ACME account contact
     */
    @Produces
    @Singleton
    AcmeSettings settings(AcmeConfig config,
            @ConfigProperty(name = "kith.domain", defaultValue = "localhost") String domain,
            @ConfigProperty(name = "kith.data-dir", defaultValue = "data") String dataDir,
            @ConfigProperty(name = "kith.admin-email") Optional<String> adminEmail) {
        return AcmeSettings.resolve(config, domain, Path.of(dataDir), adminEmail);
    }
}
