package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * XMPP over WebSocket (RFC 7395) against the running node: a raw client logs in and chats with a TCP
 * client (Smack); the subprotocol is enforced; bad input ends the stream with the precise error.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XmppWebSocketTest {
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    Vertx vertx;

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"socket-romeo", "socket-juliet"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-secret-pass", Role.USER);
            }
        }
    }

    private WebSocketPeer connect() throws Exception {
        return WebSocketPeer.connect(vertx, https.getPort());
    }

    /** Opens, authenticates with PLAIN, restarts and binds {@code resource}. */
    private static void login(WebSocketPeer peer, String user, String resource) throws Exception {
        peer.open();
        assertThat(peer.next()).startsWith("<open ").contains("xmlns='" + WebSocketPeer.FRAMING + "'")
                .contains("from='localhost'").contains("version='1.0'");
        String features = peer.next();
        assertThat(features).startsWith("<stream:features").contains("<mechanism>PLAIN</mechanism>")
                .doesNotContain("starttls");
        String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0" + user + "-secret-pass")
                .getBytes(StandardCharsets.UTF_8));
        peer.send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + credentials + "</auth>");
        assertThat(peer.next()).startsWith("<success");
        peer.open();
        assertThat(peer.next()).startsWith("<open ");
        assertThat(peer.next()).contains("urn:ietf:params:xml:ns:xmpp-bind");
        peer.send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        assertThat(peer.next()).contains("<jid>" + user + "@localhost/" + resource + "</jid>");
    }

    @Test
    void webSocketClientLogsInAndChatsWithTcpClient() throws Exception {
        XMPPTCPConnection juliet = XmppClients.login("localhost", listeners.port(), "socket-juliet",
                "socket-juliet-secret-pass", "garden");
        try (WebSocketPeer romeo = connect()) {
            assertThat(romeo.subprotocol()).isEqualTo("xmpp");
            BlockingQueue<Stanza> inbox = new ArrayBlockingQueue<>(10);
            juliet.addAsyncStanzaListener(inbox::add, s -> s instanceof Message);
            login(romeo, "socket-romeo", "balcony");

            romeo.send("<message xmlns='jabber:client' to='socket-juliet@localhost/garden' type='chat'>"
                    + "<body>Wherefore art thou?</body></message>");
            Message received = (Message) inbox.poll(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.getBody()).isEqualTo("Wherefore art thou?");
            assertThat(received.getFrom().toString()).isEqualTo("socket-romeo@localhost/balcony");

            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from("socket-romeo@localhost/balcony")).ofType(Message.Type.chat)
                    .setBody("Here.").build());
            assertThat(romeo.nextContaining("<body>Here.</body>")).startsWith("<message xmlns='jabber:client'")
                    .contains("from=\"socket-juliet@localhost/garden\"");

            romeo.send("<close xmlns='" + WebSocketPeer.FRAMING + "'/>");
            assertThat(romeo.nextContaining("<close")).contains(WebSocketPeer.FRAMING);
            assertThat(romeo.awaitClose()).isTrue();
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void handshakeWithoutTheXmppSubprotocolIsRefused() {
        for (List<String> offered : List.of(List.of("chat"), List.<String>of())) {
            assertThatThrownBy(() -> WebSocketPeer.client(vertx).connect(WebSocketPeer.options(https.getPort(), offered))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(UpgradeRejectedException.class)
                    .satisfies(e -> assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(400));
        }
    }

    @Test
    void oversizedMessageBeforeAuthenticationIsAPolicyViolation() throws Exception {
        try (WebSocketPeer peer = connect()) {
            peer.open();
            peer.nextContaining("</stream:features>");
            peer.send("<message xmlns='jabber:client'><body>" + "a".repeat(64 * 1024) + "</body></message>");
            assertThat(peer.nextContaining("<stream:error")).contains("<policy-violation");
            assertThat(peer.nextContaining("<close")).contains(WebSocketPeer.FRAMING);
            assertThat(peer.awaitClose()).isTrue();
        }
    }

    @Test
    void incompleteElementIsNotWellFormed() throws Exception {
        try (WebSocketPeer peer = connect()) {
            peer.open();
            peer.nextContaining("</stream:features>");
            peer.send("<message xmlns='jabber:client'><body>half");
            assertThat(peer.nextContaining("<stream:error")).contains("<not-well-formed");
            assertThat(peer.awaitClose()).isTrue();
        }
    }

    @Test
    void twoElementsInOneMessageAreABadFormat() throws Exception {
        try (WebSocketPeer peer = connect()) {
            peer.open();
            peer.nextContaining("</stream:features>");
            peer.send("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>");
            assertThat(peer.nextContaining("<stream:error")).contains("<bad-format");
            assertThat(peer.awaitClose()).isTrue();
        }
    }

    @Test
    void streamMustStartWithOpen() throws Exception {
        try (WebSocketPeer peer = connect()) {
            peer.send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>AGEAYg==</auth>");
            assertThat(peer.next()).startsWith("<open ");
            assertThat(peer.nextContaining("<stream:error")).contains("<invalid-namespace");
            assertThat(peer.awaitClose()).isTrue();
        }
    }

    @Test
    void commentIsRestrictedXml() throws Exception {
        try (WebSocketPeer peer = connect()) {
            peer.open();
            peer.nextContaining("</stream:features>");
            peer.send("<presence xmlns='jabber:client'><!-- hello --></presence>");
            assertThat(peer.nextContaining("<stream:error")).contains("<restricted-xml");
            assertThat(peer.awaitClose()).isTrue();
        }
    }

    @Test
    void wrongDomainIsHostUnknown() throws Exception {
        try (WebSocketPeer peer = connect()) {
            peer.send("<open xmlns='" + WebSocketPeer.FRAMING + "' to='elsewhere.example' version='1.0'/>");
            assertThat(peer.next()).startsWith("<open ");
            assertThat(peer.nextContaining("<stream:error")).contains("<host-unknown");
            assertThat(peer.awaitClose()).isTrue();
        }
    }
}
