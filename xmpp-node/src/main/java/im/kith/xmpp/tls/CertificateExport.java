package im.kith.xmpp.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Copies the node's TLS certificate and key into {@link CertificateExportConfig#dir()} for the TURN
 * server at start-up and whenever the listeners get new material, then runs the reload command. The
 * work runs on a virtual thread: it writes files and waits for a process.
 */
@ApplicationScoped
public class CertificateExport {
    private static final Logger LOG = Logger.getLogger(CertificateExport.class);
    private static final long COMMAND_SECONDS = 30;

    private final Optional<Path> dir;
    private final List<String> command;
    private final TlsMaterialSource source;

    @Inject
    public CertificateExport(CertificateExportConfig config, TlsMaterialSource source) {
        this(config.dir(), config.reloadCommand().map(CertificateExport::words).orElse(List.of()), source);
    }

    CertificateExport(Optional<Path> dir, List<String> command, TlsMaterialSource source) {
        this.dir = dir;
        this.command = command;
        this.source = source;
    }

    void onStart(@Observes StartupEvent event) {
        if (dir.isEmpty()) {
            return;
        }
        source.onChange(m -> Thread.ofVirtual().name("kith-cert-export").start(() -> export(m)));
        TlsMaterial current = source.current();
        Thread.ofVirtual().name("kith-cert-export").start(() -> export(current));
    }

    /**
     * Writes the files (each replaced atomically) and then runs the reload command, so the TURN server
     * reads a matching pair. Failures are logged; the node's own listeners are not affected by them.
     *
     * @return whether the files were written and the command, if any, exited with status 0
     */
    synchronized boolean export(TlsMaterial material) {
        Path target = dir.orElseThrow();
        try {
            Files.createDirectories(target);
            TlsMaterialSource.writeAtomically(target.resolve("privkey.pem"), material.keyPem(), "rw-r-----");
            TlsMaterialSource.writeAtomically(target.resolve("fullchain.pem"), material.chainPem(), "rw-r--r--");
        } catch (IOException | RuntimeException e) {
            LOG.errorf("cannot copy the certificate for the TURN server to %s: %s", target, e.getMessage());
            return false;
        }
        LOG.infof("certificate valid until %s copied to %s for the TURN server", material.notAfter(), target);
        return command.isEmpty() || reload();
    }

    private boolean reload() {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.errorf("TURN reload command %s did not finish within %d s", command, COMMAND_SECONDS);
                return false;
            }
            String output = new String(p.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                LOG.errorf("TURN reload command %s exited with status %d%s", command, p.exitValue(),
                        output.isEmpty() ? "" : ": " + output);
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.errorf("cannot run the TURN reload command %s: %s", command, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
