package im.kith.bench.xmpp;

import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import im.kith.bench.sasl.ScramKeyCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Opens client sessions to one {@link Target}. Every session is bounded by a deadline from TCP connect to
 * the end of its setup.
 *
 * <p>Every connection makes a full TLS handshake: the client keeps no sessions to resume (with the JDK's
 * engine, used only when BoringSSL cannot load, the JDK's own client session cache still applies).
 *
 * <p>Server certificates are not verified: the harness only talks to servers on the loopback interface
 * that run with throw-away self-signed certificates, and it measures the cost of TLS, not the PKI.
 */
public final class XmppConnector {
    private final Vertx vertx;
    private final Target target;
    private final NetClient client;
    private final ScramKeyCache keys = new ScramKeyCache();
    private final SecureRandom random = new SecureRandom();
    private final AsyncXMLInputFactory xmlFactory = new InputFactoryImpl();
    private final long setupTimeoutMillis;

    public XmppConnector(Vertx vertx, Target target, Duration setupTimeout) {
        this.vertx = vertx;
        this.target = target;
        this.setupTimeoutMillis = setupTimeout.toMillis();
        this.client = vertx.createNetClient(new NetClientOptions()
                .setSslEngineOptions(OpenSSLEngineOptions.isAvailable()
                        ? new OpenSSLEngineOptions().setSessionCacheEnabled(false) : new JdkSSLEngineOptions())
                .setTrustOptions(new TrustEverythingOptions())
                .setHostnameVerificationAlgorithm("")
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, setupTimeoutMillis)));
    }

    public Target target() {
        return target;
    }

    /** The TLS implementation in use: BoringSSL through netty-tcnative when it loads, else the JDK's. */
    public static String tlsEngine() {
        return OpenSSLEngineOptions.isAvailable() ? "BoringSSL" : "JDK";
    }

    /** A session past STARTTLS, not authenticated: for in-band registration. */
    public Future<XmppSession> secure() {
        return open(null, null, (session, stanza) -> {});
    }

    /** A session that is authenticated, bound to {@code resource} and has sent its initial presence. */
    public Future<XmppSession> login(Credentials credentials, String resource, XmppSession.StanzaHandler handler) {
        return open(credentials, resource, handler);
    }

    private Future<XmppSession> open(Credentials credentials, String resource, XmppSession.StanzaHandler handler) {
        return client.connect(target.port(), target.host()).compose(socket -> {
            XmppSession session =
                    new XmppSession(socket, target, keys, random, xmlFactory, credentials, resource, handler);
            long timer = vertx.setTimer(setupTimeoutMillis, t -> session.abort("timeout", "setup timed out"));
            return session.start().onComplete(done -> vertx.cancelTimer(timer));
        });
    }

    public Future<Void> close() {
        return client.close();
    }
}
