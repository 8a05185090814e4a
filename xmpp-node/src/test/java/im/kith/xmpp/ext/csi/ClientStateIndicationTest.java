package im.kith.xmpp.ext.csi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

/** XEP-0352: an inactive client gets presence and chat states late, latest only, and in order. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientStateIndicationTest {
    private static final String DOMAIN = "localhost";
    private static final String SLEEPER = "nurse@localhost/pocket";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    private XMPPTCPConnection nurse;
    private XMPPTCPConnection peter;
    private final List<Stanza> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"nurse", "peter"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-secret-pass", Role.USER);
            }
        }
    }

    @BeforeEach
    void connect() throws Exception {
        nurse = XmppClients.login(DOMAIN, listeners.port(), "nurse", "nurse-secret-pass", "pocket");
        peter = XmppClients.login(DOMAIN, listeners.port(), "peter", "peter-secret-pass", "hall");
        received.clear();
        // Synchronous: Smack runs these in arrival order, which is what the tests assert.
        nurse.addSyncStanzaListener(received::add, s -> s.getFrom() != null
                && s.getFrom().toString().startsWith("peter@") && (s instanceof Message || s instanceof Presence));
    }

    @AfterEach
    void disconnect() {
        nurse.disconnect();
        peter.disconnect();
    }

    private void presence(String status) throws Exception {
        peter.sendStanza(peter.getStanzaFactory().buildPresenceStanza().to(JidCreate.from(SLEEPER))
                .setStatus(status).build());
    }

    private void chatState(ChatState state) throws Exception {
        peter.sendStanza(peter.getStanzaFactory().buildMessageStanza().to(JidCreate.from(SLEEPER))
                .ofType(Message.Type.chat).addExtension(new ChatStateExtension(state)).build());
    }

    private void body(String text) throws Exception {
        peter.sendStanza(peter.getStanzaFactory().buildMessageStanza().to(JidCreate.from(SLEEPER))
                .ofType(Message.Type.chat).setBody(text).build());
    }

    /**
     * Waits until the node has routed what the sender sent: a pong to the sender. (Not a ping from the
     * inactive client: the pong would be important and flush what is held.)
     */
    private void settle() throws Exception {
        org.jivesoftware.smackx.ping.PingManager.getInstanceFor(peter).pingMyServer(true, 5000);
        Thread.sleep(300);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    @Test
    void serverAdvertisesCsi() {
        assertThat(ClientStateIndicationManager.isSupported(nurse)).isTrue();
    }

    @Test
    void inactiveClientGetsOnlyTheLatestPresenceWhenItBecomesActive() throws Exception {
        ClientStateIndicationManager.inactive(nurse);
        settle();
        presence("at the door");
        chatState(ChatState.composing);
        presence("in the hall");
        chatState(ChatState.paused);
        settle();
        assertThat(received).isEmpty();

        ClientStateIndicationManager.active(nurse);
        await(() -> received.size() >= 2);
        settle();
        // Presence is broadcast through the presence feature's per-account queue and chat states are
        // routed directly, so the two kinds may reach the session in either order; each must be the latest.
        assertThat(received).hasSize(2);
        assertThat(received).filteredOn(Presence.class::isInstance).singleElement()
                .satisfies(p -> assertThat(((Presence) p).getStatus()).isEqualTo("in the hall"));
        assertThat(received).filteredOn(Message.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((ChatStateExtension) m.getExtension(ChatStateExtension.NAMESPACE))
                        .getChatState()).isEqualTo(ChatState.paused));
    }

    @Test
    void aMessageWithABodyFlushesWhatWasHeldFirst() throws Exception {
        ClientStateIndicationManager.inactive(nurse);
        settle();
        presence("on the stairs");
        settle();
        assertThat(received).isEmpty();

        body("Your lady mother is coming");
        await(() -> received.size() >= 2);
        assertThat(received.get(0)).isInstanceOf(Presence.class);
        assertThat(received.get(1)).isInstanceOfSatisfying(Message.class,
                m -> assertThat(m.getBody()).isEqualTo("Your lady mother is coming"));

        // Still inactive: the next presence update waits again.
        presence("gone");
        settle();
        assertThat(received).hasSize(2);
    }

    @Test
    void activeClientGetsEverythingAtOnce() throws Exception {
        presence("here");
        chatState(ChatState.composing);
        await(() -> received.size() >= 2);
        assertThat(received.get(0)).isInstanceOf(Presence.class);
    }
}
