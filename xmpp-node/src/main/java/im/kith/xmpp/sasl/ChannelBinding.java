package im.kith.xmpp.sasl;

import java.util.List;
import java.util.Optional;

/**
 * Channel-binding data of a TLS connection (RFC 5056), as used by SCRAM-*-PLUS (RFC 5802 §6).
 * Types are {@code tls-exporter} (RFC 9266, TLS 1.3) and {@code tls-server-end-point} (RFC 5929).
 */
public interface ChannelBinding {

    /** No TLS, no binding. */
    ChannelBinding NONE = new ChannelBinding() {
        @Override
        public List<String> types() {
            return List.of();
        }

        @Override
        public Optional<byte[]> data(String type) {
            return Optional.empty();
        }
    };

    /** Binding types this connection can provide, most preferred first (advertised per XEP-0440). */
    List<String> types();

    /** The binding data for a type, computed for this connection. */
    Optional<byte[]> data(String type);
}
