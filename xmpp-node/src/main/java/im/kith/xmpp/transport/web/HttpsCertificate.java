package im.kith.xmpp.transport.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.tls.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;

import im.kith.xmpp.tls.NodeKeyManager;
import im.kith.xmpp.tls.TlsMaterial;
import im.kith.xmpp.tls.TlsMaterialSource;

/**
 * Supplies the node's key and certificate to the Quarkus TLS registry as the configuration named
 * {@value #NAME}, which the HTTPS server uses ({@code quarkus.http.tls-configuration-name}). The
 * registry asks for it while it starts, before any start-up observer runs, so a self-signed certificate
 * is created at that point when there is none.
 *
 * <p>The server side is the node's {@link NodeKeyManager}, which answers every handshake with the current
 * material, so a renewed certificate reaches HTTPS without rebuilding the server's TLS context (Vert.x
 * refuses connections that arrive while it does). The key store is for the registry's own readers;
 * {@link HttpsCertificateReload} keeps it current.
 */
@ApplicationScoped
@Identifier(HttpsCertificate.NAME)
public class HttpsCertificate implements KeyStoreProvider {
    /** The TLS registry name of the node's certificate. */
    public static final String NAME = "kith";

    private final TlsMaterialSource source;
    private final NodeKeyManager keyManager;

    public HttpsCertificate(TlsMaterialSource source, NodeKeyManager keyManager) {
        this.source = source;
        this.keyManager = keyManager;
    }

    @Override
    public KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
        TlsMaterial material = source.current();
        PemKeyCertOptions options = new PemKeyCertOptions().addCertValue(Buffer.buffer(material.chainPem()))
                .addKeyValue(Buffer.buffer(material.keyPem()));
        try {
            return new KeyStoreAndKeyCertOptions(options.loadKeyStore(vertx), KeyCertOptions.wrap(keyManager));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the node's certificate for HTTPS", e);
        }
    }
}
