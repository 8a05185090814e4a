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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.Eventually;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.TcpConnections;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * Kith federates with a real Prosody: messages, IQ ping and a presence subscription cross in both
 * directions, authenticated by SASL EXTERNAL with CA-issued certificates ({@code prosody.test}) and by
 * dialback with an insecure domain ({@code dialback.test}). With Prosody's mod_s2s_bidi, the first two
 * tests (run first, while no s2s connection exists) check XEP-0288 both ways: whoever connects first,
 * one TCP connection carries the stanzas of a domain pair in both directions.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = ProsodyPeer.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    /** Retries an assertion until it holds or the federation wait is over. */
    static void eventually(Eventually.Check check) throws Exception {
        Eventually.eventually(WAIT, check);
    }

    @Test
    @Order(1)
    void kithsConnectionToProsodyIsMadeBidirectionalAndCarriesProsodysStanzasToo() throws Exception {
        Assumptions.assumeTrue(ProsodyPeer.bidi(), "this Prosody has no mod_s2s_bidi");
        Assumptions.assumeTrue(TcpConnections.available(), "no /proc/net/tcp to count connections");
        int before = TcpConnections.acceptedOn(ProsodyPeer.s2sPorts());
        XMPPTCPConnection alice = prosodyUser("alice", ProsodyPeer.SECURE_DOMAIN);
        try {
            BlockingQueue<Message> aliceInbox = inbox(alice);
            BlockingQueue<Message> romeoInbox = inbox(romeo);

            // Kith speaks first, so Kith opens the connection and asks Prosody for bidi.
            send(romeo, "alice@prosody.test/phone", "Kith first");
            assertThat(aliceInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("message at Prosody").isNotNull();
            send(alice, "romeo@localhost/balcony", "Prosody answers");
            Message atKith = romeoInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atKith).as("answer at Kith").isNotNull();
            assertThat(atKith.getFrom().toString()).isEqualTo("alice@prosody.test/phone");
            assertThat(PingManager.getInstanceFor(alice).ping(JidCreate.domainBareFrom(ProsodyPeer.KITH_DOMAIN),
                    WAIT.toMillis())).isTrue();

            // Prosody's s2sin side logs that Kith asked for bidi.
            assertOneBidirectionalConnection(ProsodyPeer.SECURE_DOMAIN, "SASL EXTERNAL", before,
                    "Requested bidirectional stream");
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @Order(2)
    void prosodysBidirectionalConnectionOverDialbackCarriesKithsStanzasToo() throws Exception {
        Assumptions.assumeTrue(ProsodyPeer.bidi(), "this Prosody has no mod_s2s_bidi");
        Assumptions.assumeTrue(TcpConnections.available(), "no /proc/net/tcp to count connections");
        int before = TcpConnections.acceptedOn(ProsodyPeer.s2sPorts());
        XMPPTCPConnection bob = prosodyUser("bob", ProsodyPeer.DIALBACK_DOMAIN);
        try {
            BlockingQueue<Message> bobInbox = inbox(bob);
            BlockingQueue<Message> romeoInbox = inbox(romeo);

            // Prosody speaks first: it connects, asks Kith for bidi and authenticates by dialback.
            send(bob, "romeo@localhost/balcony", "Prosody first");
            assertThat(romeoInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("message at Kith").isNotNull();
            send(romeo, "bob@dialback.test/phone", "Kith answers");
            Message atProsody = bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atProsody).as("answer at Prosody").isNotNull();
            assertThat(atProsody.getFrom().toString()).isEqualTo("romeo@localhost/balcony");
            assertThat(PingManager.getInstanceFor(romeo).ping(JidCreate.domainBareFrom(ProsodyPeer.DIALBACK_DOMAIN),
                    WAIT.toMillis())).isTrue();

            // Prosody's s2sout side logs that it asked Kith for bidi.
            assertOneBidirectionalConnection(ProsodyPeer.DIALBACK_DOMAIN, "dialback", before,
                    "Requesting bidirectional stream");
        } finally {
            bob.disconnect();
        }
    }

    /**
     * The domain's link is bidirectional in Kith's status, both directions authenticated as given, and
     * exactly one more s2s connection exists than before (a dialback verification connection closes
     * once answered, so the count is awaited).
     */
    private void assertOneBidirectionalConnection(String domain, String authentication, int before,
            String prosodyLogLine) throws Exception {
        DomainStatus s = status.domain(domain);
        assertThat(s.outbound()).isTrue();
        assertThat(s.bidi()).as("bidirectional").isTrue();
        assertThat(s.outboundAuth()).isEqualTo(authentication);
        assertThat(s.inboundAuth()).isEqualTo(authentication);
        eventually(() -> assertThat(TcpConnections.acceptedOn(ProsodyPeer.s2sPorts()))
                .as("s2s connections between Kith and Prosody").isEqualTo(before + 1));
        assertThat(ProsodyPeer.log()).as("Prosody's log").contains(prosodyLogLine);
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
