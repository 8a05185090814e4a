package im.kith.xmpp.transport.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

import im.kith.xmpp.tls.TlsMaterialSource;

/**
 * When {@link TlsMaterialSource#reload} brings new material, reloads the {@value HttpsCertificate#NAME}
 * entry of the TLS registry (which asks {@link HttpsCertificate} again) and announces it with
 * {@link CertificateUpdatedEvent}, on which the HTTPS server uses it for new connections; open
 * connections keep theirs.
 */
@ApplicationScoped
public class HttpsCertificateReload {
    private static final Logger LOG = Logger.getLogger(HttpsCertificateReload.class);

    private final TlsMaterialSource source;
    private final TlsConfigurationRegistry registry;
    private final Event<CertificateUpdatedEvent> updated;

    public HttpsCertificateReload(TlsMaterialSource source, TlsConfigurationRegistry registry,
            Event<CertificateUpdatedEvent> updated) {
        this.source = source;
        this.registry = registry;
        this.updated = updated;
    }

    void watch(@Observes StartupEvent event) {
        source.onChange(material -> swap());
    }

    /**
     * Runs on the thread that reloaded the material (never an event loop: reloading reads files) and
     * returns once the HTTPS server has the new certificate.
     */
    private void swap() {
        TlsConfiguration configuration = registry.get(HttpsCertificate.NAME).orElse(null);
        if (configuration == null) {
            return; // HTTPS was configured with another TLS configuration
        }
        if (configuration.reload()) {
            updated.fire(new CertificateUpdatedEvent(HttpsCertificate.NAME, configuration));
        } else {
            LOG.error("cannot reload the HTTPS certificate; the previous one stays in use");
        }
    }
}
