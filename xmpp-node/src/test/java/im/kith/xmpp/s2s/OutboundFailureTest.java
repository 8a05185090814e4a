package im.kith.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * Stanzas for domains that cannot be reached come back to the sender as errors: refused connections
 * as remote-server-not-found, a peer that never answers as remote-server-timeout (after
 * KITH_S2S_CONNECT_TIMEOUT), blocked domains as not-allowed; all queued stanzas bounce, none is lost.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = HostilePeers.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundFailureTest {

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    FederationStatus status;

    private XMPPTCPConnection romeo;
    private final BlockingQueue<Message> errors = new ArrayBlockingQueue<>(20);

    @BeforeAll
    void connect() throws Exception {
        if (accounts.find("romeo").isEmpty()) {
            accounts.create("romeo", "romeo-secret-pass", Role.USER);
        }
        romeo = XmppClients.login("localhost", listeners.port(), "romeo", "romeo-secret-pass", "balcony");
        romeo.addAsyncStanzaListener(s -> errors.add((Message) s),
                s -> s instanceof Message m && m.getType() == Message.Type.error);
    }

    @AfterAll
    void disconnect() {
        romeo.disconnect();
    }

    private void send(String to, String id) throws Exception {
        romeo.sendStanza(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage(id).to(JidCreate.from(to))
                .ofType(Message.Type.chat).setBody("are you there?").build());
    }

    private Message nextError() throws InterruptedException {
        Message m = errors.poll(15, TimeUnit.SECONDS);
        assertThat(m).as("error bounce").isNotNull();
        return m;
    }

    @Test
    void queuedStanzasToARefusingServerBounceWithRemoteServerNotFound() throws Exception {
        send("a@" + HostilePeers.DOWN, "down-1");
        send("b@" + HostilePeers.DOWN, "down-2");
        Message first = nextError();
        Message second = nextError();
        assertThat(java.util.List.of(first.getStanzaId(), second.getStanzaId())).containsExactlyInAnyOrder("down-1", "down-2");
        assertThat(first.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
        assertThat(status.domain(HostilePeers.DOWN).lastError()).contains("cannot reach");
        // kithctl status shows it to the operator.
        String text = io.restassured.RestAssured.given().header("Authorization", "Bearer " + adminToken())
                .header("Accept", "text/plain").get("http://127.0.0.1:" + management.getPort() + "/kith/api/status").then().statusCode(200)
                .extract().asString();
        assertThat(text).contains("federation:  on").containsPattern("\\n  " + HostilePeers.DOWN.replace(".", "\\.")
                + "  out: down  in: none  last error: .*cannot reach");
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Inject
    im.kith.xmpp.admin.AdminToken token;

    private String adminToken() throws Exception {
        return java.nio.file.Files.readString(token.file()).strip();
    }

    @Test
    void aServerThatNeverAnswersBouncesWithRemoteServerTimeout() throws Exception {
        send("a@" + HostilePeers.SILENT, "silent-1");
        Message bounce = nextError();
        assertThat(bounce.getStanzaId()).isEqualTo("silent-1");
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_timeout);
    }

    @Test
    void aBlockedDomainIsNotAllowed() throws Exception {
        send("a@blocked.test", "blocked-1");
        Message bounce = nextError();
        assertThat(bounce.getStanzaId()).isEqualTo("blocked-1");
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
    }
}
