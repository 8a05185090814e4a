package im.kith.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.iqversion.VersionManager;
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

/** A real client library (Smack) logs in over STARTTLS and direct TLS and chats through the node. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientLoginTest {
    private static final String DOMAIN = "localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"romeo", "juliet"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-secret-pass", Role.USER);
            }
        }
    }

    @Test
    void twoUsersLogInOverStarttlsWithScramSha256AndExchangeMessages() throws Exception {
        XMPPTCPConnection romeo = XmppClients.login(DOMAIN, listeners.port(), "romeo", "romeo-secret-pass", "balcony");
        XMPPTCPConnection juliet = XmppClients.login(DOMAIN, listeners.port(), "juliet", "juliet-secret-pass", "garden");
        try {
            assertThat(romeo.isSecureConnection()).isTrue();
            assertThat(romeo.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-256");
            BlockingQueue<Stanza> inbox = new ArrayBlockingQueue<>(10);
            juliet.addAsyncStanzaListener(inbox::add, s -> s instanceof Message);
            BlockingQueue<Stanza> romeoInbox = new ArrayBlockingQueue<>(10);
            romeo.addAsyncStanzaListener(romeoInbox::add, s -> s instanceof Message);

            romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from("juliet@localhost/garden")).ofType(Message.Type.chat)
                    .setBody("Wherefore art thou?").build());
            Message received = (Message) inbox.poll(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.getBody()).isEqualTo("Wherefore art thou?");
            assertThat(received.getFrom().toString()).isEqualTo("romeo@localhost/balcony");

            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza()
                    .to(received.getFrom()).ofType(Message.Type.chat).setBody("Here.").build());
            Message reply = (Message) romeoInbox.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("Here.");
            assertThat(reply.getFrom().toString()).isEqualTo("juliet@localhost/garden");
        } finally {
            romeo.disconnect();
            juliet.disconnect();
        }
    }

    @Test
    void clientLogsInOverDirectTls() throws Exception {
        XMPPTCPConnection romeo = XmppClients.loginDirectTls(DOMAIN, listeners.tlsPort(), "romeo",
                "romeo-secret-pass", "direct");
        try {
            assertThat(romeo.isAuthenticated()).isTrue();
            assertThat(romeo.getUser().toString()).isEqualTo("romeo@localhost/direct");
            assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true, 5000)).isTrue();
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void serverAnswersDiscoPingVersionAndTime() throws Exception {
        XMPPTCPConnection romeo = XmppClients.login(DOMAIN, listeners.port(), "romeo", "romeo-secret-pass", "disco");
        try {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(romeo)
                    .discoverInfo(JidCreate.domainBareFrom(DOMAIN));
            assertThat(info.getIdentities()).anySatisfy(i -> {
                assertThat(i.getCategory()).isEqualTo("server");
                assertThat(i.getType()).isEqualTo("im");
            });
            assertThat(info.containsFeature("urn:xmpp:ping")).isTrue();
            assertThat(VersionManager.getInstanceFor(romeo).getVersion(JidCreate.from(DOMAIN)).getName())
                    .isEqualTo("Kith");
            assertThat(EntityTimeManager.getInstanceFor(romeo).getTime(JidCreate.from(DOMAIN)).getUtc())
                    .isNotBlank();
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void secondLoginWithTheSameResourceReplacesTheFirst() throws Exception {
        XMPPTCPConnection first = XmppClients.login(DOMAIN, listeners.port(), "juliet", "juliet-secret-pass", "phone");
        XMPPTCPConnection second = XmppClients.login(DOMAIN, listeners.port(), "juliet", "juliet-secret-pass", "phone");
        try {
            long deadline = System.currentTimeMillis() + 5000;
            while (first.isConnected() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(first.isConnected()).isFalse();
            assertThat(second.isAuthenticated()).isTrue();
        } finally {
            second.disconnect();
        }
    }
}
