package im.kith.xmpp.ext.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0191 over real sockets: the block list protocol, pushes, and enforcement in both directions. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockingCommandTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    FeatureRegistry features;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"blkjuliet", "blkromeo", "blkparis", "blkbenvolio", "blkraw"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", resource);
    }

    private static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                .setBody(body).build();
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> q.add((Message) s), s -> s instanceof Message);
        return q;
    }

    @Test
    void blockListRoundTripWithPushesToInterestedResources() throws Exception {
        XMPPTCPConnection phone = login("blkjuliet", "phone");
        XMPPTCPConnection laptop = login("blkjuliet", "laptop");
        try {
            BlockingCommandManager onPhone = BlockingCommandManager.getInstanceFor(phone);
            BlockingCommandManager onLaptop = BlockingCommandManager.getInstanceFor(laptop);
            assertThat(onPhone.isSupportedByServer()).isTrue();
            assertThat(onPhone.getBlockList()).isEmpty();
            assertThat(onLaptop.getBlockList()).isEmpty(); // the laptop becomes an interested resource
            BlockingQueue<List<Jid>> pushed = new LinkedBlockingQueue<>();
            onLaptop.addJidsBlockedListener(pushed::add);
            BlockingQueue<Boolean> unblockedAll = new LinkedBlockingQueue<>();
            onLaptop.addAllJidsUnblockedListener(() -> unblockedAll.add(true));

            Jid paris = JidCreate.from("blkparis@localhost");
            Jid tybaltDomain = JidCreate.from("capulet.example");
            onPhone.blockContacts(List.of(paris, tybaltDomain));
            assertThat(pushed.poll(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder(paris, tybaltDomain);
            assertThat(onLaptop.getBlockList()).containsExactlyInAnyOrder(paris, tybaltDomain);

            onPhone.unblockAll();
            assertThat(unblockedAll.poll(5, TimeUnit.SECONDS)).isTrue();
            assertThat(onLaptop.getBlockList()).isEmpty();
            XMPPTCPConnection fresh = login("blkjuliet", "fresh");
            try {
                assertThat(BlockingCommandManager.getInstanceFor(fresh).getBlockList()).as("stored").isEmpty();
            } finally {
                fresh.disconnect();
            }
        } finally {
            phone.disconnect();
            laptop.disconnect();
        }
    }

    @Test
    void blockedSenderCannotReachTheUserAndTheUserCannotReachThem() throws Exception {
        XMPPTCPConnection romeo = login("blkromeo", "orchard");
        XMPPTCPConnection paris = login("blkparis", "street");
        try {
            BlockingQueue<Message> romeoInbox = inbox(romeo);
            BlockingQueue<Message> parisInbox = inbox(paris);
            BlockingCommandManager.getInstanceFor(romeo).blockContacts(List.of(JidCreate.from("blkparis@localhost")));

            // Messages from the blocked JID are dropped without an error (§3.3).
            paris.sendStanza(chat(paris, "blkromeo@localhost/orchard", "let us duel"));
            // IQ get/set from the blocked JID gets service-unavailable (§3.3).
            assertThatThrownBy(() -> paris.sendIqRequestAndWaitForResponse(new Ping(JidCreate.from("blkromeo@localhost/orchard"))))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.service_unavailable));
            assertThat(romeoInbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(parisInbox.poll(100, TimeUnit.MILLISECONDS)).as("no error for a blocked message").isNull();

            // The user's own message to the blocked JID is refused with not-acceptable + <blocked/> (§3.3).
            romeo.sendStanza(chat(romeo, "blkparis@localhost/street", "go away"));
            Message error = romeoInbox.poll(5, TimeUnit.SECONDS);
            assertThat(error).isNotNull();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat((Object) error.getError().getExtension("blocked", "urn:xmpp:blocking:errors")).isNotNull();
            assertThat(parisInbox.poll(300, TimeUnit.MILLISECONDS)).isNull();

            // Unblocking lets messages through again (§3.4).
            BlockingCommandManager.getInstanceFor(romeo).unblockContacts(List.of(JidCreate.from("blkparis@localhost")));
            paris.sendStanza(chat(paris, "blkromeo@localhost/orchard", "peace"));
            Message peace = romeoInbox.poll(5, TimeUnit.SECONDS);
            assertThat(peace).isNotNull();
            assertThat(peace.getBody()).isEqualTo("peace");
        } finally {
            romeo.disconnect();
            paris.disconnect();
        }
    }

    @Test
    void blockingSendsUnavailablePresenceToTheContact() throws Exception {
        // Availability is tracked by the RFC 6121 presence feature; without it nobody is available.
        assumeTrue(features.enabled().contains("presence"), "needs the presence feature");
        XMPPTCPConnection benvolio = login("blkbenvolio", "square");
        XMPPTCPConnection romeo = login("blkromeo", "presence");
        try {
            benvolio.sendStanza(benvolio.getStanzaFactory().buildPresenceStanza().build());
            romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().build());
            BlockingQueue<org.jivesoftware.smack.packet.Presence> seen = new LinkedBlockingQueue<>();
            benvolio.addAsyncStanzaListener(p -> seen.add((org.jivesoftware.smack.packet.Presence) p),
                    p -> p instanceof org.jivesoftware.smack.packet.Presence pr
                            && pr.getType() == org.jivesoftware.smack.packet.Presence.Type.unavailable);
            Thread.sleep(200);
            BlockingCommandManager.getInstanceFor(romeo).blockContacts(List.of(JidCreate.from("blkbenvolio@localhost")));
            org.jivesoftware.smack.packet.Presence p = seen.poll(5, TimeUnit.SECONDS);
            assertThat(p).isNotNull();
            assertThat(p.getFrom().toString()).isEqualTo("blkromeo@localhost/presence");
        } finally {
            BlockingCommandManager.getInstanceFor(romeo).unblockAll();
            benvolio.disconnect();
            romeo.disconnect();
        }
    }

    @Test
    void blockWithoutItemsIsBadRequestAndMalformedJidIsJidMalformed() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.login(listeners.port(), DOMAIN, "blkraw", "blkraw-pass-phrase", "raw")) {
            s.send("<iq type='set' id='e1'><block xmlns='urn:xmpp:blocking'/></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("id=\"e1\"").contains("type=\"error\"").contains("<bad-request");
            s.clear();
            s.send("<iq type='set' id='e2'><block xmlns='urn:xmpp:blocking'><item jid='a@b@c/'/></block></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("id=\"e2\"").contains("<jid-malformed");
            s.clear();
            s.send("<iq type='get' id='e3' to='blkromeo@localhost'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("id=\"e3\"").contains("<forbidden");
        }
    }
}
