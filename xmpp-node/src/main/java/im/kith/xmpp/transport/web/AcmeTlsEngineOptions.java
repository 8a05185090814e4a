package im.kith.xmpp.transport.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import im.kith.xmpp.tls.AlpnChallengeResponder;

/**
 * The JDK TLS engine of the HTTPS listener, offering the ALPN protocol {@code acme-tls/1} (RFC 8737 §6.2)
 * after the HTTP ones, so that the CA's TLS-ALPN-01 validation reaches the node on its HTTPS port. The
 * server's preference order decides, so browsers still get {@code h2} or {@code http/1.1}; only a client
 * offering nothing but {@code acme-tls/1}, as the validator does (RFC 8737 §3), negotiates it.
 *
 * <p>Which certificate such a handshake is shown is the key manager's choice
 * ({@link im.kith.xmpp.tls.NodeKeyManager}). A connection that negotiated {@code acme-tls/1} is closed as
 * soon as its handshake completes: that protocol carries no application data (RFC 8737 §4), and the HTTP
 * server sets up no handler for a protocol it does not know, so the connection would otherwise stay open
 * until the idle timeout.
 */
final class AcmeTlsEngineOptions extends JdkSSLEngineOptions {

    AcmeTlsEngineOptions() {
    }

    /** Keeps the buffer and worker-thread settings Quarkus chose. */
    AcmeTlsEngineOptions(JdkSSLEngineOptions base) {
        super(base);
    }

    @Override
    public AcmeTlsEngineOptions copy() {
        return new AcmeTlsEngineOptions(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new Factory(super.sslContextFactory());
    }

    /** Adds {@code acme-tls/1} to the server's protocols and wraps the server contexts it creates. */
    private static final class Factory implements SslContextFactory {
        private final SslContextFactory delegate;
        private boolean forClient;

        Factory(SslContextFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            delegate.useAlpn(useAlpn);
            return this;
        }

        @Override
        public SslContextFactory clientAuth(ClientAuth clientAuth) {
            delegate.clientAuth(clientAuth);
            return this;
        }

        @Override
        public SslContextFactory forClient(boolean forClient) {
            this.forClient = forClient;
            delegate.forClient(forClient);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
            delegate.keyMananagerFactory(kmf);
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
            delegate.trustManagerFactory(tmf);
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> enabledCipherSuites) {
            delegate.enabledCipherSuites(enabledCipherSuites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> protocols) {
            List<String> offered = new ArrayList<>(protocols == null ? List.of() : protocols);
            if (!offered.isEmpty() && !offered.contains(AlpnChallengeResponder.ACME_TLS_1)) {
                offered.add(AlpnChallengeResponder.ACME_TLS_1);
            }
            delegate.applicationProtocols(offered);
            return this;
        }

        @Override
        public SslContextFactory serverName(String serverName) {
            delegate.serverName(serverName);
            return this;
        }

        @Override
        public SslContext create() throws SSLException {
            SslContext context = delegate.create();
            return forClient ? context : new ClosingAcmeTls(context);
        }
    }

    /** Closes every connection that negotiated {@code acme-tls/1} once its handshake is done. */
    private static final class ClosingAcmeTls extends DelegatingSslContext {
        ClosingAcmeTls(SslContext context) {
            super(context);
        }

        @Override
        protected void initEngine(SSLEngine engine) {
            // nothing to change on the engine
        }

        @Override
        protected void initHandler(SslHandler handler) {
            super.initHandler(handler);
            // The promise completes before the handshake event reaches the HTTP server's handlers.
            handler.handshakeFuture().addListener(done -> {
                if (done.isSuccess() && AlpnChallengeResponder.ACME_TLS_1.equals(handler.applicationProtocol())) {
                    ((Channel) done.getNow()).close();
                }
            });
        }
    }
}
