package im.kith.xmpp.tls;

import java.util.Optional;

/**
 * The source of TLS-ALPN-01 validation certificates (RFC 8737) for the node's HTTPS listener: while an
 * ACME order is waiting for the CA to validate a name, it answers with that name's certificate. Without a
 * module that obtains certificates, {@link NoAlpnChallenges} answers nothing.
 */
public interface AlpnChallengeResponder {
    /** The ALPN protocol name of RFC 8737 §6.2. */
    String ACME_TLS_1 = "acme-tls/1";

    /** The validation certificate for the server name {@code sni}, while its challenge is pending. */
    Optional<ValidationCertificate> forName(String sni);
}
