package im.kith.xmpp.transport.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

import im.kith.xmpp.tls.TlsMaterialSource;

/**
 * When {@link TlsMaterialSource#reload} brings new material, reloads the {@value HttpsCertificate#NAME}
 * entry of the TLS registry (which asks {@link HttpsCertificate} again), so that what the registry
 * reports matches what is served. The HTTPS server itself already presents the new certificate through
 * {@link im.kith.xmpp.tls.NodeKeyManager}; no {@code CertificateUpdatedEvent} is fired, because the
 * server's reaction to it, rebuilding its TLS context, refuses connections that arrive meanwhile.
 */
@ApplicationScoped
public class HttpsCertificateReload {
    private static final Logger LOG = Logger.getLogger(HttpsCertificateReload.class);

    private final TlsMaterialSource source;
    private final TlsConfigurationRegistry registry;

    public HttpsCertificateReload(TlsMaterialSource source, TlsConfigurationRegistry registry) {
        this.source = source;
        this.registry = registry;
    }

    void watch(@Observes StartupEvent event) {
        source.onChange(material -> swap());
    }

    /** Runs on the thread that reloaded the material (never an event loop: reloading reads files). */
    private void swap() {
        TlsConfiguration configuration = registry.get(HttpsCertificate.NAME).orElse(null);
        if (configuration == null) {
            return; // HTTPS was configured with another TLS configuration
        }
        if (!configuration.reload()) {
            LOG.error("the TLS registry could not reload the node's certificate; it reports the previous one");
        }
    }
}
