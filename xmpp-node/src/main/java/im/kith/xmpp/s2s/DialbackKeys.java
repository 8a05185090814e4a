package im.kith.xmpp.s2s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;

/**
 * Dialback keys (XEP-0220 §2.1.1) generated as XEP-0185 §3 recommends:
 * {@code HEX(HMAC-SHA256(HEX(SHA256(secret)), receiving + ' ' + originating + ' ' + streamId))}.
 * The secret is 32 random bytes in {@code DATA_DIR/s2s/dialback.secret}, created on first use, so keys
 * stay verifiable across restarts (XEP-0185 §4).
 */
@ApplicationScoped
public class DialbackKeys {
    private final Path secretFile;
    private volatile byte[] hashedSecret;

    @Inject
    public DialbackKeys(NodeConfig config) {
        this.secretFile = Path.of(config.dataDir(), "s2s", "dialback.secret");
    }

    /** The key for an outgoing stream from {@code originating} to {@code receiving} with the given id. */
    public String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] out = mac.doFinal((receiving + ' ' + originating + ' ' + streamId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a key presented for verification is one this server generated (constant time). */
    public boolean verify(String receiving, String originating, String streamId, String key) {
        if (key == null || streamId == null) {
            return false;
        }
        byte[] expected = key(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, key.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** Loads or creates the secret; called once at start-up (file I/O, not on an event loop). */
    public void load() {
        secret();
    }

    private byte[] secret() {
        byte[] s = hashedSecret;
        if (s == null) {
            synchronized (this) {
                if (hashedSecret == null) {
                    hashedSecret = hexSha256(readOrCreate());
                }
                s = hashedSecret;
            }
        }
        return s;
    }

    private static byte[] hexSha256(byte[] secret) {
        try {
            // XEP-0185 §3: the HMAC key is the hex SHA-256 of the secret.
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] readOrCreate() {
        try {
            if (Files.exists(secretFile)) {
                return Files.readAllBytes(secretFile);
            }
            Files.createDirectories(secretFile.getParent());
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path tmp = Files.createTempFile(secretFile.getParent(), ".secret", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.write(tmp, fresh);
            Files.move(tmp, secretFile);
            return fresh;
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            try {
                return Files.readAllBytes(secretFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dialback secret in " + secretFile, e);
        }
    }
}
