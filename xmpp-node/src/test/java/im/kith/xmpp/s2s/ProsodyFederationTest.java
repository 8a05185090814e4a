package im.kith.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * Kith federates with a real Prosody: messages, IQ ping and a presence subscription cross in both
 * directions, authenticated by SASL EXTERNAL with CA-issued certificates ({@code prosody.test}) and by
 * dialback with an insecure domain ({@code dialback.test}).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = ProsodyPeer.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyFederationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    FederationStatus status;

    private XMPPTCPConnection romeo;

    @BeforeAll
    void connectKithUser() throws Exception {
        Assumptions.assumeTrue(ProsodyPeer.unavailable() == null, ProsodyPeer.unavailable());
        if (accounts.find("romeo").isEmpty()) {
            accounts.create("romeo", "romeo-secret-pass", Role.USER);
        }
        romeo = XmppClients.login(ProsodyPeer.KITH_DOMAIN, listeners.port(), "romeo", "romeo-secret-pass", "balcony");
    }

    @AfterAll
    void disconnect() {
        if (romeo != null) {
            romeo.disconnect();
        }
    }

    private static XMPPTCPConnection prosodyUser(String user, String domain) throws Exception {
        return XmppClients.login(domain, ProsodyPeer.c2sPort(), user, ProsodyPeer.PASSWORD, "phone");
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> inbox = new ArrayBlockingQueue<>(20);
        c.addAsyncStanzaListener(s -> inbox.add((Message) s), s -> s instanceof Message m && m.getBody() != null && m.getType() != Message.Type.error);
        return inbox;
    }

    private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
        from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to))
                .ofType(Message.Type.chat).setBody(body).build());
    }

    /** Retries an assertion until it holds or the wait is over. */
    static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    @Test
    void messagesCrossBothWaysWithProsodyAuthenticatedBySaslExternal() throws Exception {
        XMPPTCPConnection alice = prosodyUser("alice", ProsodyPeer.SECURE_DOMAIN);
        try {
            BlockingQueue<Message> aliceInbox = inbox(alice);
            BlockingQueue<Message> romeoInbox = inbox(romeo);

            send(romeo, "alice@prosody.test/phone", "Hello from Kith");
            Message atProsody = aliceInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atProsody).as("message delivered by Prosody").isNotNull();
            assertThat(atProsody.getBody()).isEqualTo("Hello from Kith");
            assertThat(atProsody.getFrom().toString()).isEqualTo("romeo@localhost/balcony");

            send(alice, "romeo@localhost/balcony", "Hello from Prosody");
            Message atKith = romeoInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atKith).as("message delivered by Kith").isNotNull();
            assertThat(atKith.getBody()).isEqualTo("Hello from Prosody");
            assertThat(atKith.getFrom().toString()).isEqualTo("alice@prosody.test/phone");

            DomainStatus s = status.domain(ProsodyPeer.SECURE_DOMAIN);
            assertThat(s.outbound()).isTrue();
            assertThat(s.outboundAuth()).isEqualTo("SASL EXTERNAL");
            assertThat(s.inbound()).isPositive();
            assertThat(s.inboundAuth()).isEqualTo("SASL EXTERNAL");
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void aLimitedAccountTalksOnlyToThisServerUntilItsRoleChanges() throws Exception {
        if (accounts.find("tybalt").isEmpty()) {
            accounts.create("tybalt", "tybalt-secret-pass", Role.LIMITED);
        }
        XMPPTCPConnection tybalt = XmppClients.login(ProsodyPeer.KITH_DOMAIN, listeners.port(), "tybalt",
                "tybalt-secret-pass", "street");
        XMPPTCPConnection alice = prosodyUser("alice", ProsodyPeer.SECURE_DOMAIN);
        try {
            BlockingQueue<Message> tybaltInbox = inbox(tybalt);
            BlockingQueue<Message> tybaltErrors = errors(tybalt);
            BlockingQueue<Message> aliceInbox = inbox(alice);
            BlockingQueue<Message> aliceErrors = errors(alice);

            send(tybalt, "alice@prosody.test/phone", "Let me out");
            Message refused = tybaltErrors.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(refused).as("error for the limited sender").isNotNull();
            assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);

            send(alice, "tybalt@localhost/street", "Anyone there?");
            Message unknown = aliceErrors.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(unknown).as("error for the remote sender").isNotNull();
            assertThat(unknown.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            assertThat(aliceInbox).as("nothing from Tybalt reached Prosody").isEmpty();
            assertThat(tybaltInbox).as("nothing from Prosody reached Tybalt").isEmpty();

            // No restart: the new role applies to the next stanza.
            accounts.setRole("tybalt", Role.USER);
            send(tybalt, "alice@prosody.test/phone", "Out at last");
            Message delivered = aliceInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(delivered).as("message after the role change").isNotNull();
            assertThat(delivered.getBody()).isEqualTo("Out at last");
        } finally {
            tybalt.disconnect();
            alice.disconnect();
        }
    }

    private static BlockingQueue<Message> errors(XMPPTCPConnection c) {
        BlockingQueue<Message> errors = new ArrayBlockingQueue<>(20);
        c.addAsyncStanzaListener(s -> errors.add((Message) s),
                s -> s instanceof Message m && m.getType() == Message.Type.error);
        return errors;
    }

    @Test
    void iqPingCrossesInBothDirections() throws Exception {
        XMPPTCPConnection alice = prosodyUser("alice", ProsodyPeer.SECURE_DOMAIN);
        try {
            assertThat(PingManager.getInstanceFor(romeo).ping(JidCreate.from("alice@prosody.test/phone"),
                    WAIT.toMillis())).isTrue();
            assertThat(PingManager.getInstanceFor(alice).ping(JidCreate.from("romeo@localhost/balcony"),
                    WAIT.toMillis())).isTrue();
            assertThat(PingManager.getInstanceFor(romeo).ping(JidCreate.domainBareFrom("prosody.test"),
                    WAIT.toMillis())).isTrue();
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void presenceSubscriptionToAProsodyUserIsApproved() throws Exception {
        XMPPTCPConnection bob = prosodyUser("bob", ProsodyPeer.SECURE_DOMAIN);
        try {
            Roster.getInstanceFor(bob).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().build());
            romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().build());
            Roster roster = Roster.getInstanceFor(romeo);
            BareJid bobJid = JidCreate.bareFrom("bob@prosody.test");
            roster.createItemAndRequestSubscription(bobJid, "Bob", null);
            eventually(() -> {
                RosterEntry entry = roster.getEntry(bobJid);
                assertThat(entry).isNotNull();
                assertThat(entry.canSeeHisPresence()).isTrue();
            });
            eventually(() -> assertThat(roster.getPresence(bobJid).isAvailable()).isTrue());
        } finally {
            bob.disconnect();
        }
    }

    @Test
    void dialbackAuthenticatesBothDirectionsWithAnInsecureDomain() throws Exception {
        XMPPTCPConnection bob = prosodyUser("bob", ProsodyPeer.DIALBACK_DOMAIN);
        try {
            BlockingQueue<Message> bobInbox = inbox(bob);
            BlockingQueue<Message> romeoInbox = inbox(romeo);

            send(romeo, "bob@dialback.test/phone", "Dialback outbound");
            Message atProsody = bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atProsody).as("message delivered over dialback").isNotNull();
            assertThat(atProsody.getBody()).isEqualTo("Dialback outbound");

            send(bob, "romeo@localhost/balcony", "Dialback inbound");
            Message atKith = romeoInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atKith).as("message accepted over dialback").isNotNull();
            assertThat(atKith.getFrom().toString()).isEqualTo("bob@dialback.test/phone");

            DomainStatus s = status.domain(ProsodyPeer.DIALBACK_DOMAIN);
            assertThat(s.outboundAuth()).isEqualTo("dialback");
            assertThat(s.inboundAuth()).isEqualTo("dialback");
        } finally {
            bob.disconnect();
        }
    }
}
