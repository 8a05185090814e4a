package im.kith.xmpp.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;

/**
 * The node's current TLS key material, read from {@code DATA_DIR/certs/fullchain.pem} and
 * {@code privkey.pem}. When none exists a self-signed certificate for the domain and its
 * {@code groups.} and {@code share.} hosts is created there. {@link #reload} re-reads the files (after
 * an ACME renewal) and tells the listeners, which swap it in for new connections.
 */
@ApplicationScoped
public class TlsMaterialSource {
    private static final Logger LOG = Logger.getLogger(TlsMaterialSource.class);

    private final Path chainFile;
    private final Path keyFile;
    private final List<String> names;
    private final Clock clock;
    private final List<Consumer<TlsMaterial>> listeners = new CopyOnWriteArrayList<>();
    private volatile TlsMaterial current;

    @Inject
    public TlsMaterialSource(NodeConfig config, Clock clock) {
        Path certs = Path.of(config.dataDir(), "certs");
        this.chainFile = certs.resolve("fullchain.pem");
        this.keyFile = certs.resolve("privkey.pem");
        String d = config.domain();
        this.names = List.of(d, "groups." + d, "share." + d);
        this.clock = clock;
    }

    /** The material in use, loading (or creating) it on first use. */
    public TlsMaterial current() {
        TlsMaterial m = current;
        if (m == null) {
            synchronized (this) {
                if (current == null) {
                    current = loadOrCreate();
                }
                m = current;
            }
        }
        return m;
    }

    /** Re-reads the files and hands the new material to every listener; the old stays on failure. */
    public synchronized TlsMaterial reload() {
        TlsMaterial fresh = load();
        current = fresh;
        LOG.infof("TLS certificate loaded for %s, valid until %s", names.getFirst(), fresh.notAfter());
        listeners.forEach(l -> l.accept(fresh));
        return fresh;
    }

    /** Registers a listener for new material. */
    public void onChange(Consumer<TlsMaterial> listener) {
        listeners.add(listener);
    }

    public Path chainFile() {
        return chainFile;
    }

    public Path keyFile() {
        return keyFile;
    }

    private TlsMaterial loadOrCreate() {
        if (!Files.exists(chainFile) || !Files.exists(keyFile)) {
            try {
                byte[][] pair = SelfSignedCertificate.create(names, clock.instant());
                Files.createDirectories(chainFile.getParent());
                writeAtomically(keyFile, pair[1], true);
                writeAtomically(chainFile, pair[0], false);
                LOG.infof("created a self-signed certificate for %s in %s", names, chainFile.getParent());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create a self-signed certificate", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + chainFile.getParent(), e);
            }
        }
        return load();
    }

    private TlsMaterial load() {
        try {
            byte[] chainPem = Files.readAllBytes(chainFile);
            byte[] keyPem = Files.readAllBytes(keyFile);
            Pem.privateKey(keyPem);
            return new TlsMaterial(List.copyOf(Pem.certificates(chainPem)), chainPem, keyPem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + chainFile + " / " + keyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid certificate or key in " + chainFile.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, byte[] data, boolean secret) throws IOException {
        writeAtomically(target, data, secret ? "rw-------" : null);
    }

    /**
     * Replaces {@code target} by a file holding {@code data}, with the POSIX permissions given (for
     * example {@code rw-------}), or the default ones when null. Readers see the old or the new file.
     */
    static void writeAtomically(Path target, byte[] data, String permissions) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".kith", ".tmp");
        if (permissions != null) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
        Files.write(tmp, data);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
