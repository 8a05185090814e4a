package im.kith.xmpp.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.SrvRecord;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;

import im.kith.xmpp.s2s.FederationConfig;
import im.kith.xmpp.s2s.FederationPolicy;
import im.kith.xmpp.s2s.LinkHandler;
import im.kith.xmpp.s2s.OutboundConnector;
import im.kith.xmpp.s2s.S2sLink;
import im.kith.xmpp.session.Connection;
import im.kith.xmpp.tls.TlsMaterial;
import im.kith.xmpp.tls.TlsMaterialSource;

/**
 * Connects to other servers: a static route (KITH_S2S_HOSTS) if configured, else SRV records
 * {@code _xmpps-server._tcp} (direct TLS, XEP-0368 §3) and {@code _xmpp-server._tcp} (RFC 6120 §3.2.1)
 * looked up with the non-blocking Vert.x DNS client (asking the system's resolvers, or the server in
 * KITH_S2S_DNS_SERVER) and tried in order of priority and weight
 * (RFC 2782), else the domain itself on 5269 (§3.2.2). Our certificate is presented as the TLS client
 * certificate (for SASL EXTERNAL); the peer's is accepted at the TLS layer and judged by the
 * federation layer against the peer domain.
 */
@ApplicationScoped
public class S2sConnector implements OutboundConnector {
    private static final Logger LOG = Logger.getLogger(S2sConnector.class);
    private static final int DEFAULT_PORT = 5269;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int DNS_PORT = 53;
    private static final long DNS_QUERY_TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final FederationPolicy policy;
    private final TlsMaterialSource tls;
    private final DnsClientOptions dnsServer;
    private volatile DnsClient dns;

    @Inject
    public S2sConnector(Vertx vertx, FederationPolicy policy, TlsMaterialSource tls, FederationConfig config) {
        this.vertx = vertx;
        this.policy = policy;
        this.tls = tls;
        this.dnsServer = config.dnsServer().map(String::trim).filter(s -> !s.isEmpty())
                .map(S2sConnector::dnsServer).orElse(null);
    }

    /** KITH_S2S_DNS_SERVER: {@code host}, {@code host:port} or {@code [v6]:port}; refused at start-up when malformed. */
    static DnsClientOptions dnsServer(String value) {
        String host = value;
        int port = DNS_PORT;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("KITH_S2S_DNS_SERVER must be host, host:port or [v6]:port: " + value);
            }
            host = value.substring(1, close);
            colon = close + 1 < value.length() ? close + 1 : -1;
        } else if (colon >= 0 && value.indexOf(':') != colon) {
            colon = -1; // a bare IPv6 literal
        } else if (colon >= 0) {
            host = value.substring(0, colon);
        }
        if (colon >= 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("KITH_S2S_DNS_SERVER must be host, host:port or [v6]:port: " + value);
        }
        return new DnsClientOptions().setHost(host).setPort(port).setQueryTimeout(DNS_QUERY_TIMEOUT_MS);
    }

    /** A place to connect to. */
    record Candidate(String host, int port, boolean directTls) {
    }

    @Override
    public CompletionStage<S2sLink> connect(String domain, Function<S2sLink, LinkHandler> handler) {
        CompletableFuture<S2sLink> result = new CompletableFuture<>();
        resolve(domain).onComplete(r -> {
            if (r.failed()) {
                result.completeExceptionally(new UnreachableException(r.cause().getMessage()));
            } else {
                attempt(domain, r.result(), 0, handler, result, "no address");
            }
        });
        return result;
    }

    /** The candidates for a domain, in the order they are tried. */
    Future<List<Candidate>> resolve(String domain) {
        var route = policy.staticRoute(domain);
        if (route.isPresent()) {
            return Future.succeededFuture(List.of(new Candidate(route.get().host(), route.get().port(), false)));
        }
        DnsClient client = dns();
        Future<List<SrvRecord>> xmpps = client.resolveSRV("_xmpps-server._tcp." + domain).otherwise(List.of());
        Future<List<SrvRecord>> xmpp = client.resolveSRV("_xmpp-server._tcp." + domain).otherwise(List.of());
        return Future.all(xmpps, xmpp).map(v -> {
            List<SrvRecord> tlsRecords = xmpps.result() == null ? List.of() : xmpps.result();
            List<SrvRecord> plainRecords = xmpp.result() == null ? List.of() : xmpp.result();
            if (isNoService(plainRecords) && (tlsRecords.isEmpty() || isNoService(tlsRecords))) {
                // RFC 6120 §3.2.1 step 2 / RFC 2782: a target of "." means the service is not offered.
                throw new UnreachableException(domain + " does not offer federation (SRV target '.')");
            }
            List<Candidate> out = new ArrayList<>();
            ordered(tlsRecords).forEach(s -> out.add(new Candidate(trimDot(s.target()), s.port(), true)));
            ordered(plainRecords).forEach(s -> out.add(new Candidate(trimDot(s.target()), s.port(), false)));
            if (out.isEmpty()) {
                out.add(new Candidate(domain, DEFAULT_PORT, false)); // RFC 6120 §3.2.2: fall back to A/AAAA
            }
            return out;
        });
    }

    /** RFC 2782: a single record whose target is "." (which the DNS client decodes as null) means no service. */
    private static boolean isNoService(List<SrvRecord> records) {
        return records.size() == 1 && noTarget(records.getFirst());
    }

    private static boolean noTarget(SrvRecord r) {
        return r.target() == null || r.target().isEmpty() || ".".equals(r.target());
    }

    /** RFC 2782: ascending priority; within one priority, a weighted random order. */
    static List<SrvRecord> ordered(List<SrvRecord> records) {
        List<SrvRecord> usable = records.stream().filter(r -> !noTarget(r))
                .sorted(Comparator.comparingInt(SrvRecord::priority)).toList();
        List<SrvRecord> out = new ArrayList<>();
        int i = 0;
        while (i < usable.size()) {
            int priority = usable.get(i).priority();
            List<SrvRecord> group = new ArrayList<>();
            while (i < usable.size() && usable.get(i).priority() == priority) {
                group.add(usable.get(i++));
            }
            while (!group.isEmpty()) {
                int total = group.stream().mapToInt(r -> r.weight() + 1).sum();
                int pick = ThreadLocalRandom.current().nextInt(total);
                for (int j = 0; j < group.size(); j++) {
                    pick -= group.get(j).weight() + 1;
                    if (pick < 0) {
                        out.add(group.remove(j));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private void attempt(String domain, List<Candidate> candidates, int index, Function<S2sLink, LinkHandler> handler,
            CompletableFuture<S2sLink> result, String lastError) {
        if (index >= candidates.size()) {
            result.completeExceptionally(new UnreachableException("cannot reach " + domain + ": " + lastError));
            return;
        }
        Candidate c = candidates.get(index);
        NetClient client = vertx.createNetClient(options(c.directTls()));
        client.connect(c.port(), c.host(), domain).onComplete(r -> {
            if (r.failed()) {
                client.close();
                LOG.debugf("s2s connect to %s at %s:%d failed: %s", domain, c.host(), c.port(), r.cause().getMessage());
                attempt(domain, candidates, index + 1, handler, result, r.cause().getMessage());
                return;
            }
            var socket = r.result();
            Context context = Vertx.currentContext();
            VertxS2sLink link = new VertxS2sLink(vertx, socket, context, c.directTls(), domain, client::close);
            LinkHandler h = handler.apply(link);
            socket.setWriteQueueMaxSize(2 * 1024 * 1024);
            socket.handler(buffer -> {
                h.receive(buffer.getBytes());
                if (socket.writeQueueFull()) {
                    h.writeQueueFull();
                }
            });
            socket.closeHandler(v -> {
                client.close();
                h.connectionClosed();
            });
            socket.exceptionHandler(e -> LOG.debugf("s2s connection to %s: %s", domain, e.getMessage()));
            result.complete(link);
        });
    }

    private NetClientOptions options(boolean directTls) {
        TlsMaterial material = tls.current();
        NetClientOptions o = new NetClientOptions()
                .setSsl(directTls)
                .setTrustAll(true) // judged by PeerCertificateVerifier against the peer domain
                .setHostnameVerificationAlgorithm("") // likewise (RFC 6125 rules, not HTTPS ones)
                .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(material.chainPem()))
                        .addKeyValue(Buffer.buffer(material.keyPem())))
                .setEnabledSecureTransportProtocols(C2sListeners.PROTOCOLS)
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setTcpNoDelay(true);
        C2sListeners.CIPHERS.forEach(o::addEnabledCipherSuite);
        if (directTls) {
            // XEP-0368 §3: direct TLS server connections negotiate the "xmpp-server" ALPN protocol.
            o.setUseAlpn(true).setApplicationLayerProtocols(List.of("xmpp-server"));
        }
        return o;
    }

    private DnsClient dns() {
        DnsClient d = dns;
        if (d == null) {
            synchronized (this) {
                if (dns == null) {
                    dns = dnsServer == null ? vertx.createDnsClient() : vertx.createDnsClient(dnsServer);
                    if (dnsServer != null) {
                        LOG.infof("SRV lookups for federation ask the DNS server at %s:%d", dnsServer.getHost(),
                                dnsServer.getPort());
                    }
                }
                d = dns;
            }
        }
        return d;
    }

    @Override
    public Connection.Cancellable schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
