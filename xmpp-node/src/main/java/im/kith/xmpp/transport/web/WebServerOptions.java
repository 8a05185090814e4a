package im.kith.xmpp.transport.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

import im.kith.xmpp.config.NodeConfig;

/**
 * Lets the HTTP servers accept the {@code xmpp} WebSocket subprotocol (RFC 7395 §3.2) and frames as large
 * as the largest stanza, so that size is judged by the stream's limits and answered with a stream error.
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
