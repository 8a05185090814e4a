package im.kith.xmpp.transport.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;

import im.kith.xmpp.config.NodeConfig;

/**
 * Lets the HTTP servers accept the {@code xmpp} WebSocket subprotocol (RFC 7395 §3.2) and frames as large
 * as the largest stanza, so that size is judged by the stream's limits and answered with a stream error.
 * The HTTPS server also answers TLS-ALPN-01 validation (RFC 8737) through {@link AcmeTlsEngineOptions}:
 * ALPN is always on there, with {@code http/1.1} alone when HTTP/2 is off.
 */
@ApplicationScoped
public class WebServerOptions implements HttpServerOptionsCustomizer {
    static final String SUBPROTOCOL = "xmpp";
    private static final int FRAMING_OVERHEAD = 1024;

    private final NodeConfig config;

    public WebServerOptions(NodeConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        customize(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customize(options);
        options.setSslEngineOptions(options.getSslEngineOptions() instanceof JdkSSLEngineOptions jdk
                ? new AcmeTlsEngineOptions(jdk) : new AcmeTlsEngineOptions());
        if (!options.isUseAlpn()) {
            options.setUseAlpn(true);
            options.setAlpnVersions(List.of(HttpVersion.HTTP_1_1));
        }
    }

    private void customize(HttpServerOptions options) {
        if (options.getWebSocketSubProtocols() == null
                || !options.getWebSocketSubProtocols().contains(SUBPROTOCOL)) {
            options.addWebSocketSubProtocol(SUBPROTOCOL);
        }
        int frame = config.limits().stanzaBytes() + FRAMING_OVERHEAD;
        if (options.getMaxWebSocketFrameSize() < frame) {
            options.setMaxWebSocketFrameSize(frame);
        }
        if (options.getMaxWebSocketMessageSize() < frame) {
            options.setMaxWebSocketMessageSize(frame);
        }
    }
}
