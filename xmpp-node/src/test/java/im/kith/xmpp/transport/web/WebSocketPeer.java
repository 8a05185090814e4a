package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A raw RFC 7395 client over Vert.x: text messages in and out. Every message received is checked to be
 * a standalone, namespace-well-formed XML document (RFC 7395 §3.3.3).
 */
final class WebSocketPeer implements AutoCloseable {
    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private WebSocketPeer(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(received::add);
        socket.closeHandler(v -> closed.countDown());
    }

    static WebSocketClient client(Vertx vertx) {
        return vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustAll(true)
                .setVerifyHost(false).setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024));
    }

    static WebSocketConnectOptions options(int httpsPort, List<String> subprotocols) {
        return new WebSocketConnectOptions().setHost("localhost").setPort(httpsPort).setSsl(true)
                .setURI("/xmpp-websocket").setSubProtocols(subprotocols);
    }

    static WebSocketPeer connect(Vertx vertx, int httpsPort) throws Exception {
        WebSocketClient client = client(vertx);
        WebSocket socket = client.connect(options(httpsPort, List.of("xmpp"))).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new WebSocketPeer(client, socket);
    }

    String subprotocol() {
        return socket.subProtocol();
    }

    void send(String message) {
        socket.writeTextMessage(message);
    }

    void open() {
        send("<open xmlns='" + FRAMING + "' to='localhost' version='1.0'/>");
    }

    /** Opens the stream, authenticates with PLAIN, restarts it and binds {@code resource}. */
    void login(String user, String password, String resource) throws Exception {
        open();
        nextContaining("<mechanism>PLAIN</mechanism>");
        String credentials = java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
        assertThat(next()).startsWith("<success");
        open();
        nextContaining("urn:ietf:params:xml:ns:xmpp-bind");
        send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        assertThat(nextContaining("bind1")).contains("<jid>" + user + "@localhost/" + resource + "</jid>");
    }

    /** Skips messages until one contains {@code text}, waiting up to {@code timeout} in all. */
    String nextContaining(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String message = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            assertThat(message).as("a message containing %s within %s", text, timeout).isNotNull();
            if (message.contains(text)) {
                return message;
            }
        }
    }

    /** The next message, which must arrive within a few seconds. */
    String next() throws Exception {
        String message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a message from the server").isNotNull();
        assertStandalone(message);
        return message;
    }

    /** Skips messages until one contains {@code text}. */
    String nextContaining(String text) throws Exception {
        while (true) {
            String message = next();
            if (message.contains(text)) {
                return message;
            }
        }
    }

    boolean awaitClose() throws InterruptedException {
        return closed.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void assertStandalone(String message) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
