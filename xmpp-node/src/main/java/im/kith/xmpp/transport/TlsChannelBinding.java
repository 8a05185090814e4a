package im.kith.xmpp.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;

import im.kith.xmpp.sasl.ChannelBinding;

/**
 * Channel-binding data of a TLS session: {@code tls-exporter} (RFC 9266, TLS 1.3 only, through the JDK
 * keying-material exporter where the runtime has it) and {@code tls-server-end-point} (RFC 5929 §4).
 */
final class TlsChannelBinding implements ChannelBinding {
    private static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    private static final MethodHandle EXPORT = exporter();

    private final SSLSession session;

    TlsChannelBinding(SSLSession session) {
        this.session = session;
    }

    private static MethodHandle exporter() {
        try {
            return MethodHandles.publicLookup().findVirtual(ExtendedSSLSession.class, "exportKeyingMaterialData",
                    MethodType.methodType(byte[].class, String.class, byte[].class, int.class));
        } catch (ReflectiveOperationException e) {
            return null; // runtime before JDK 25: tls-exporter is not offered
        }
    }

    @Override
    public List<String> types() {
        if (exporterAvailable()) {
            return List.of("tls-exporter", "tls-server-end-point");
        }
        return List.of("tls-server-end-point");
    }

    private boolean exporterAvailable() {
        // RFC 9266 §3: tls-exporter is defined for TLS 1.3 (and 1.2 only with extended master secret).
        return EXPORT != null && session instanceof ExtendedSSLSession && "TLSv1.3".equals(session.getProtocol());
    }

    @Override
    public Optional<byte[]> data(String type) {
        return switch (type) {
            case "tls-server-end-point" -> serverEndPoint();
            case "tls-exporter" -> exporterAvailable() ? export() : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * RFC 5929 §4.1: the certificate this session presented, hashed with its signature's hash function
     * (SHA-256 when that is MD5 or SHA-1).
     */
    private Optional<byte[]> serverEndPoint() {
        Certificate[] local = session.getLocalCertificates();
        if (local == null || local.length == 0 || !(local[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        String alg = leaf.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash = alg.contains("SHA512") ? "SHA-512" : alg.contains("SHA384") ? "SHA-384" : "SHA-256";
        try {
            return Optional.of(MessageDigest.getInstance(hash).digest(leaf.getEncoded()));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> export() {
        try {
            // RFC 9266 §2: label "EXPORTER-Channel-Binding", empty context, 32 bytes.
            return Optional.of((byte[]) EXPORT.invoke((ExtendedSSLSession) session, EXPORTER_LABEL, new byte[0], 32));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }
}
