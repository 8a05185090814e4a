package im.kith.acme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM encoding and crash-safe writing of certificates and keys. */
final class PemFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Base64.Encoder PEM_BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemFiles() {
    }

    /** The chain as concatenated {@code CERTIFICATE} blocks, in the given order (leaf first). */
    static String encodeCertificates(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate cert : chain) {
            try {
                block(out, "CERTIFICATE", cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("certificate cannot be encoded", e);
            }
        }
        return out.toString();
    }

    /** The key as an unencrypted PKCS#8 {@code PRIVATE KEY} block (RFC 7468 §10). */
    static String encodePrivateKey(PrivateKey key) {
        StringBuilder out = new StringBuilder();
        block(out, "PRIVATE KEY", key.getEncoded());
        return out.toString();
    }

    /**
     * A key pair as a PKCS#8 {@code PRIVATE KEY} block followed by its {@code PUBLIC KEY} block
     * (RFC 7468 §10 and §13), so that it reads back without deriving the public key.
     */
    static String encodeKeyPair(KeyPair pair) {
        StringBuilder out = new StringBuilder();
        block(out, "PRIVATE KEY", pair.getPrivate().getEncoded());
        block(out, "PUBLIC KEY", pair.getPublic().getEncoded());
        return out.toString();
    }

    /** Reads a key pair written by {@link #encodeKeyPair}. */
    static KeyPair readKeyPair(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey privateKey = null;
            PublicKey publicKey = null;
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                } else if (object instanceof SubjectPublicKeyInfo info) {
                    publicKey = converter.getPublicKey(info);
                } else if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair);
                }
            }
            if (privateKey == null || publicKey == null) {
                throw new IOException(file + " does not hold a private and a public key");
            }
            return new KeyPair(publicKey, privateKey);
        }
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException e) {
            throw new IOException(file + " does not hold PEM certificates: " + e.getMessage(), e);
        }
    }

    /** Reads a private key in PKCS#8 ({@code PRIVATE KEY}) or traditional ({@code RSA/EC PRIVATE KEY}) PEM. */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + " does not hold an unencrypted private key");
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that readers see either the old or the new file,
     * never a torn one: a temporary file in the same directory is written, flushed to disk and moved
     * over the target atomically. {@code secret} files are created readable by the owner only.
     */
    static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> mode = secret ? OWNER_ONLY : WORLD_READABLE;
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(mode));
        } catch (UnsupportedOperationException noPosix) {
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void block(StringBuilder out, String label, byte[] der) {
        out.append("-----BEGIN ").append(label).append("-----\n")
                .append(PEM_BASE64.encodeToString(der))
                .append("\n-----END ").append(label).append("-----\n");
    }
}
