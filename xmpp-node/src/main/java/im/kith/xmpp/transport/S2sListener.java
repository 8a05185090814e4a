package im.kith.xmpp.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.X509TrustManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.s2s.DialbackKeys;
import im.kith.xmpp.s2s.DialbackVerifier;
import im.kith.xmpp.s2s.FederationPolicy;
import im.kith.xmpp.s2s.FederationRouter;
import im.kith.xmpp.s2s.FederationServices;
import im.kith.xmpp.s2s.InboundStream;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.support.IntakeGate;
import im.kith.xmpp.tls.NodeKeyManager;

/**
 * The server-to-server listener on {@code kith.s2s.port} (RFC 6120 §3.2, STARTTLS required). TLS client
 * certificates are requested and accepted at the TLS layer whatever they are: the federation layer
 * checks them against the domain the peer claims (SASL EXTERNAL, dialback). Not started when
 * federation is off.
 */
@ApplicationScoped
public class S2sListener {
    private static final Logger LOG = Logger.getLogger(S2sListener.class);
    private static final X509TrustManager ACCEPT_FOR_LATER_CHECK = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private final Vertx vertx;
    private final NodeConfig config;
    private final FederationPolicy policy;
    private final FederationServices services;
    private final DialbackVerifier dialback;
    private final FederationRouter routes;
    private final DialbackKeys keys;
    private final NodeKeyManager keyManager;
    private final IntakeGate intake;
    private final Set<InboundStream> streams = ConcurrentHashMap.newKeySet();
    private volatile NetServer server;
    private volatile int port;

    @Inject
    public S2sListener(Vertx vertx, NodeConfig config, FederationPolicy policy, FederationServices services,
            DialbackVerifier dialback, FederationRouter routes, DialbackKeys keys, NodeKeyManager keyManager,
            IntakeGate intake) {
        this.vertx = vertx;
        this.config = config;
        this.policy = policy;
        this.services = services;
        this.dialback = dialback;
        this.routes = routes;
        this.keys = keys;
        this.keyManager = keyManager;
        this.intake = intake;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (!policy.enabled()) {
            LOG.info("federation is off (KITH_FEDERATION): no s2s listener");
            return;
        }
        keys.load();
        NetServerOptions options = new NetServerOptions()
                .setHost(config.c2s().host())
                .setPort(config.s2s().port())
                .setKeyCertOptions(KeyCertOptions.wrap(keyManager)) // renewals take effect per handshake
                .setTrustOptions(TrustOptions.wrap(ACCEPT_FOR_LATER_CHECK))
                .setClientAuth(ClientAuth.REQUEST)
                .setEnabledSecureTransportProtocols(C2sListeners.PROTOCOLS)
                .setTcpNoDelay(true)
                .setIdleTimeout(0);
        C2sListeners.CIPHERS.forEach(options::addEnabledCipherSuite);
        NetServer s = vertx.createNetServer(options);
        s.connectHandler(this::accept);
        server = s.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = server.actualPort();
        LOG.infof("s2s listening on %s:%d (STARTTLS) for %s", config.c2s().host(), port, config.domain());
    }

    private void accept(io.vertx.core.net.NetSocket socket) {
        Context context = Vertx.currentContext();
        VertxS2sLink link = new VertxS2sLink(vertx, socket, context, false, null, () -> { });
        InboundStream stream = new InboundStream(link, services, dialback, routes);
        streams.add(stream);
        socket.setWriteQueueMaxSize(2 * 1024 * 1024);
        InboundThrottle throttle = InboundThrottle.of(config.c2s());
        socket.handler(buffer -> {
            stream.receive(buffer.getBytes());
            if (socket.writeQueueFull()) {
                stream.writeQueueFull();
            }
            Throttling.afterRead(vertx, socket, throttle, intake, buffer.length());
        });
        socket.closeHandler(v -> {
            streams.remove(stream);
            stream.connectionClosed();
        });
        socket.exceptionHandler(e -> LOG.debugf("s2s connection error: %s", e.getMessage()));
        stream.start();
    }

    void stop(@Observes ShutdownEvent event) {
        for (InboundStream s : List.copyOf(streams)) {
            s.closeLater(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is restarting");
        }
        NetServer s = server;
        if (s != null) {
            s.close();
        }
    }

    /** The bound port (useful when configured as 0); 0 when federation is off. */
    public int port() {
        return port;
    }

    /** Open incoming server connections, authenticated or not. */
    public int connections() {
        return streams.size();
    }
}
