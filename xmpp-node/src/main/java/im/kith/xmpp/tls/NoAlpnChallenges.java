package im.kith.xmpp.tls;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** Used when no ACME module is present: no name is ever being validated. */
@ApplicationScoped
@DefaultBean
public class NoAlpnChallenges implements AlpnChallengeResponder {
    @Override
    public Optional<ValidationCertificate> forName(String sni) {
        return Optional.empty();
    }
}
