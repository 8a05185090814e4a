package im.kith.xmpp.transport.web;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import im.kith.xmpp.config.NodeConfig;

/**
 * Where the node's web side is reached: the public HTTPS port and host for redirects and host-meta, and
 * which requests may carry an XMPP stream.
 */
@ApplicationScoped
public class WebAddresses {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final int DEFAULT_HTTPS_PORT = 443;

    private final WebConfig config;
    private final NodeConfig node;
    private final Instance<HttpServer> server;

    public WebAddresses(WebConfig config, NodeConfig node, Instance<HttpServer> server) {
        this.config = config;
        this.node = node;
        this.server = server;
    }

    /** The HTTPS port clients use: configured, else the one the server listens on. */
    public int httpsPort() {
        if (config.publicHttpsPort().isPresent()) {
            return config.publicHttpsPort().getAsInt();
        }
        int port = server.isResolvable() ? server.get().getSecurePort() : -1;
        return port > 0 ? port : DEFAULT_HTTPS_PORT;
    }

    /** {@code host} or {@code host:port} for an https URL, the port left out when it is 443. */
    public String httpsAuthority(String host) {
        int port = httpsPort();
        return port == DEFAULT_HTTPS_PORT ? host : host + ":" + port;
    }

    /** The host the client asked for, without port; the XMPP domain when the Host header is absent or odd. */
    public String requestedHost(HttpServerRequest request) {
        String authority = request.authority() != null ? request.authority().host() : null;
        return authority != null && HOST_NAME.matcher(authority).matches() ? authority : node.domain();
    }

    /** The XMPP domain. */
    public String domain() {
        return node.domain();
    }

    /**
     * Whether a WebSocket or BOSH stream may run on this request: over HTTPS, or over plain HTTP from
     * loopback only (a TLS-terminating proxy on the same host; plain HTTP from elsewhere is redirected
     * or refused).
     */
    public static boolean carriesXmpp(HttpServerRequest request) {
        return request.isSSL() || isLoopback(request);
    }

    static boolean isLoopback(HttpServerRequest request) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return ip != null && (ip.startsWith("127.") || "::1".equals(ip) || "0:0:0:0:0:0:0:1".equals(ip));
    }
}
