package im.kith.xmpp.tls;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * A copy of the node's certificate and key for the TURN server (coturn's {@code cert} and {@code pkey}),
 * so that its TLS listener ({@code turns:}) uses the certificate Kith obtains and renews.
 */
@ConfigMapping(prefix = "kith.tls.export")
public interface CertificateExportConfig {

    /**
     * Directory that receives {@code fullchain.pem} and {@code privkey.pem} on start-up and after every
     * renewal (KITH_TURN_CERT_DIR); unset: nothing is copied. The key file is readable by its owner
     * and the directory's group.
     */
    Optional<Path> dir();

    /**
     * Command run after each copy so that the TURN server reads the new files
     * (KITH_TURN_RELOAD_COMMAND), split at blanks and run without a shell, for example
     * {@code pkill -USR2 -x turnserver} (coturn reloads its certificate on SIGUSR2); unset: none.
     */
    @WithName("reload-command")
    Optional<String> reloadCommand();
}
