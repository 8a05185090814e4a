package im.kith.xmpp.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The bearer token of the admin API: 256 random bits as 64 hex digits in {@code <data-dir>/admin.token},
 * readable by the node's user only (mode 0600). Created at the first start, reused afterwards; whoever can
 * read the file may administer the node.
 */
@Singleton
public class AdminToken {
    static final String FILE_NAME = "admin.token";
    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private volatile byte[] token;

    @Inject
    AdminToken(NodeConfig config) {
        this(Path.of(config.dataDir()));
    }

    AdminToken(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    }

    void onStart(@Observes StartupEvent event) {
        load();
    }

    /** Where the token is kept. */
    public Path file() {
        return file;
    }

    /** Whether a presented token is the right one (constant-time comparison). */
    public boolean matches(String presented) {
        byte[] expected = token != null ? token : load();
        return presented != null
                && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private synchronized byte[] load() {
        if (token != null) {
            return token;
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (existing.matches("[0-9a-f]{" + (2 * BYTES) + "}")) {
                    restrict(file);
                    token = existing.getBytes(StandardCharsets.US_ASCII);
                    return token;
                }
                LOG.warnf("%s does not hold a valid token; writing a new one", file);
            }
            byte[] random = new byte[BYTES];
            new SecureRandom().nextBytes(random);
            String fresh = HexFormat.of().formatHex(random);
            write(fresh);
            LOG.infof("Admin API token written to %s", file);
            token = fresh.getBytes(StandardCharsets.US_ASCII);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin token " + file, e);
        }
    }

    /** Writes the token to a fresh 0600 file next to the target, then moves it into place. */
    private void write(String value) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system
        }
        Files.writeString(tmp, value + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }
}
