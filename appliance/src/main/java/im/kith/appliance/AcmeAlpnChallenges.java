package im.kith.appliance;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.acme.AlpnChallengeCertificates;
import im.kith.xmpp.tls.AlpnChallengeResponder;
import im.kith.xmpp.tls.ValidationCertificate;

/**
 * Hands the TLS-ALPN-01 validation certificates of the ACME client's pending orders to the node's HTTPS
 * listener, which presents them on {@code acme-tls/1} handshakes (RFC 8737 §3).
 */
@ApplicationScoped
public class AcmeAlpnChallenges implements AlpnChallengeResponder {
    private final AlpnChallengeCertificates certificates;

    AcmeAlpnChallenges(AlpnChallengeCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public Optional<ValidationCertificate> forName(String sni) {
        return certificates.forName(sni).map(pair -> new ValidationCertificate(pair.key(), pair.certificate()));
    }
}
