package im.kith.xmpp.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.router.SessionRegistry;
import im.kith.xmpp.session.C2sStream;
import im.kith.xmpp.session.SessionServices;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.support.IntakeGate;
import im.kith.xmpp.tls.NodeKeyManager;

/**
 * The client-to-server TCP listeners: STARTTLS on {@code kith.c2s.port} (RFC 6120 §5) and direct TLS on
 * {@code kith.c2s.tls-port} (XEP-0368). TLS 1.2 and 1.3 with AEAD suites only; new key material from
 * {@link NodeKeyManager} serves the next handshakes, while open connections keep theirs.
 */
@ApplicationScoped
public class C2sListeners {
    private static final Logger LOG = Logger.getLogger(C2sListeners.class);
    static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final Vertx vertx;
    private final IntakeGate intake;
    private final NodeConfig config;
    private final SessionServices services;
    private final SessionRegistry registry;
    private final NodeKeyManager keyManager;
    private final List<NetServer> servers = new CopyOnWriteArrayList<>();
    private final Map<InetAddress, AtomicInteger> pendingPerIp = new ConcurrentHashMap<>();
    private final Set<C2sStream> streams = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private volatile int tlsPort;

    @Inject
    public C2sListeners(Vertx vertx, NodeConfig config, SessionServices services, SessionRegistry registry,
            NodeKeyManager keyManager, IntakeGate intake) {
        this.vertx = vertx;
        this.intake = intake;
        this.config = config;
        this.services = services;
        this.registry = registry;
        this.keyManager = keyManager;
    }

    void start(@Observes StartupEvent event) throws Exception {
        NodeConfig.C2s c2s = config.c2s();
        port = listen(c2s.port(), false);
        tlsPort = listen(c2s.tlsPort(), true);
        LOG.infof("c2s listening on %s:%d (STARTTLS) and %s:%d (direct TLS) for %s", c2s.host(), port, c2s.host(),
                tlsPort, config.domain());
    }

    private int listen(int requestedPort, boolean directTls) throws Exception {
        NetServerOptions options = new NetServerOptions()
                .setHost(config.c2s().host())
                .setPort(requestedPort)
                .setSsl(directTls)
                // A renewed certificate reaches new handshakes through the key manager (NodeKeyManager).
                .setKeyCertOptions(KeyCertOptions.wrap(keyManager))
                .setEnabledSecureTransportProtocols(PROTOCOLS)
                .setTcpNoDelay(true)
                .setIdleTimeout(0);
        CIPHERS.forEach(options::addEnabledCipherSuite);
        NetServer server = vertx.createNetServer(options);
        server.connectHandler(socket -> accept(socket, directTls));
        NetServer bound = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        servers.add(bound);
        return bound.actualPort();
    }

    private void accept(NetSocket socket, boolean directTls) {
        InetAddress ip;
        try {
            ip = InetAddress.getByName(socket.remoteAddress().hostAddress());
        } catch (java.net.UnknownHostException e) {
            socket.close();
            return;
        }
        AtomicInteger pending = pendingPerIp.computeIfAbsent(ip, k -> new AtomicInteger());
        if (pending.incrementAndGet() > config.c2s().maxPendingPerIp()) {
            // Too many unauthenticated connections from one address: refuse before parsing anything.
            release(ip, pending);
            socket.close();
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable releasePending = () -> {
            if (released.compareAndSet(false, true)) {
                release(ip, pending);
            }
        };
        Context context = Vertx.currentContext();
        VertxConnection connection = new VertxConnection(vertx, socket, context, directTls, releasePending);
        C2sStream stream = new C2sStream(connection, services);
        streams.add(stream);
        socket.setWriteQueueMaxSize(2 * 1024 * 1024);
        InboundThrottle throttle = InboundThrottle.of(config.c2s());
        socket.handler(buffer -> {
            stream.receive(buffer.getBytes());
            if (socket.writeQueueFull() && !stream.closed()) {
                stream.closeWithError(StreamErrorCondition.RESOURCE_CONSTRAINT, "the client is not reading");
            }
            Throttling.afterRead(vertx, socket, throttle, intake, buffer.length());
        });
        socket.closeHandler(v -> {
            releasePending.run();
            streams.remove(stream);
            stream.connectionClosed();
        });
        socket.exceptionHandler(e -> LOG.debugf("c2s connection error: %s", e.getMessage()));
        stream.start();
    }

    private void release(InetAddress ip, AtomicInteger pending) {
        if (pending.decrementAndGet() <= 0) {
            pendingPerIp.remove(ip, pending);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (LocalSession session : registry.all()) {
            session.closeWithError(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is restarting");
        }
        for (NetServer server : servers) {
            server.close();
        }
    }

    /** The bound STARTTLS port (useful when configured as 0). */
    public int port() {
        return port;
    }

    /** The bound direct TLS port. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Open client connections, authenticated or not. */
    public int connections() {
        return streams.size();
    }
}
