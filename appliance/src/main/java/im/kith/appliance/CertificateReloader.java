package im.kith.appliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.acme.CertificateInstalled;
import im.kith.xmpp.tls.TlsMaterialSource;

/**
 * Hands a certificate that the ACME client installed to every TLS listener of the node: new
 * connections get it, connected clients keep their sessions.
 */
@ApplicationScoped
public class CertificateReloader {
    private static final Logger LOG = Logger.getLogger(CertificateReloader.class);

    private final TlsMaterialSource tls;

    @Inject
    public CertificateReloader(TlsMaterialSource tls) {
        this.tls = tls;
    }

    void installed(@Observes CertificateInstalled event) {
        try {
            tls.reload();
        } catch (RuntimeException e) {
            LOG.errorf("the new certificate for %s could not be loaded; the listeners keep the old one: %s",
                    event.names(), e.getMessage());
        }
    }
}
