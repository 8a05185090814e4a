package im.kith.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import im.kith.testkit.OccupantIdProvider;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * Kith federates with a real ejabberd ({@link EjabberdPeer}): chat messages and IQ ping cross both ways,
 * a Kith user and an ejabberd user subscribe to each other and follow each other's presence, a Kith user
 * takes part in a room on ejabberd's MUC service and an ejabberd user in a room on Kith's. How every
 * stream authenticates, in both directions, is the subclass's choice ({@link #authentication()}), and is
 * checked in Kith's federation status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EjabberdFederationScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ROMEO = "romeo@localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    FederationStatus status;

    private XMPPTCPConnection romeo;

    /** How every stream with ejabberd must authenticate, as {@link DomainStatus} names it. */
    abstract String authentication();

    @BeforeAll
    void connectKithUser() throws Exception {
        Assumptions.assumeTrue(EjabberdPeer.unavailable() == null, EjabberdPeer.unavailable());
        // Kith's rooms mark occupants with XEP-0421 ids, which Smack 4.4 cannot parse by itself.
        OccupantIdProvider.install();
        if (accounts.find("romeo").isEmpty()) {
            accounts.create("romeo", "romeo-secret-pass", Role.USER);
        }
        romeo = XmppClients.login(EjabberdPeer.KITH_DOMAIN, listeners.port(), "romeo", "romeo-secret-pass",
                "balcony");
        romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().build());
    }

    @AfterAll
    void disconnect() {
        if (romeo != null) {
            romeo.disconnect();
        }
    }

    private static XMPPTCPConnection ejabberdUser(String user) throws Exception {
        XMPPTCPConnection c = XmppClients.login(EjabberdPeer.DOMAIN, EjabberdPeer.c2sPort(), user,
                EjabberdPeer.PASSWORD, "phone");
        c.sendStanza(c.getStanzaFactory().buildPresenceStanza().build());
        return c;
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> inbox.add((Message) s),
                s -> s instanceof Message m && m.getBody() != null && m.getType() != Message.Type.groupchat);
        return inbox;
    }

    private static BlockingQueue<Presence> subscribeRequests(XMPPTCPConnection c) {
        BlockingQueue<Presence> requests = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> requests.add((Presence) s), PresenceTypeFilter.SUBSCRIBE);
        return requests;
    }

    private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
        from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to))
                .ofType(Message.Type.chat).setBody(body).build());
    }

    private static Message next(BlockingQueue<Message> inbox, String what) throws InterruptedException {
        Message m = inbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(m).as(what).isNotNull();
        return m;
    }

    private static void presence(XMPPTCPConnection c, Presence.Mode mode, String statusText) throws Exception {
        c.sendStanza(c.getStanzaFactory().buildPresenceStanza().setMode(mode).setStatus(statusText).build());
    }

    @Test
    void messagesCrossBothWaysOnStreamsAuthenticatedTheExpectedWay() throws Exception {
        XMPPTCPConnection juliet = ejabberdUser("juliet");
        try {
            BlockingQueue<Message> julietInbox = inbox(juliet);
            BlockingQueue<Message> romeoInbox = inbox(romeo);

            send(romeo, "juliet@ejabberd.test/phone", "But soft, what light through yonder window breaks?");
            Message atEjabberd = next(julietInbox, "message delivered by ejabberd");
            assertThat(atEjabberd.getBody()).isEqualTo("But soft, what light through yonder window breaks?");
            assertThat(atEjabberd.getFrom().toString()).isEqualTo(ROMEO + "/balcony");

            send(juliet, ROMEO + "/balcony", "Wherefore art thou Romeo?");
            Message atKith = next(romeoInbox, "message delivered by Kith");
            assertThat(atKith.getBody()).isEqualTo("Wherefore art thou Romeo?");
            assertThat(atKith.getFrom().toString()).isEqualTo("juliet@ejabberd.test/phone");

            // To bare JIDs: each server picks the available resource.
            send(romeo, "juliet@ejabberd.test", "To the bare JID at ejabberd");
            assertThat(next(julietInbox, "bare-JID message at ejabberd").getBody())
                    .isEqualTo("To the bare JID at ejabberd");
            send(juliet, ROMEO, "To the bare JID at Kith");
            assertThat(next(romeoInbox, "bare-JID message at Kith").getBody()).isEqualTo("To the bare JID at Kith");

            DomainStatus s = status.domain(EjabberdPeer.DOMAIN);
            assertThat(s.outbound()).isTrue();
            assertThat(s.outboundAuth()).as("outgoing stream authentication").isEqualTo(authentication());
            assertThat(s.inbound()).isPositive();
            assertThat(s.inboundAuth()).as("incoming stream authentication").isEqualTo(authentication());
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void iqPingCrossesBothWays() throws Exception {
        XMPPTCPConnection juliet = ejabberdUser("juliet");
        try {
            assertThat(PingManager.getInstanceFor(romeo).ping(JidCreate.from("juliet@ejabberd.test/phone"),
                    WAIT.toMillis())).isTrue();
            assertThat(PingManager.getInstanceFor(romeo).ping(JidCreate.domainBareFrom(EjabberdPeer.DOMAIN),
                    WAIT.toMillis())).isTrue();
            assertThat(PingManager.getInstanceFor(juliet).ping(JidCreate.from(ROMEO + "/balcony"),
                    WAIT.toMillis())).isTrue();
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void kithAndEjabberdUsersSubscribeToEachOtherAndSeePresence() throws Exception {
        XMPPTCPConnection nurse = ejabberdUser("nurse");
        try {
            BareJid nurseJid = JidCreate.bareFrom("nurse@ejabberd.test");
            BareJid romeoJid = JidCreate.bareFrom(ROMEO);
            Roster romeoRoster = Roster.getInstanceFor(romeo);
            Roster nurseRoster = Roster.getInstanceFor(nurse);
            romeoRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            nurseRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            BlockingQueue<Presence> atNurse = subscribeRequests(nurse);
            BlockingQueue<Presence> atRomeo = subscribeRequests(romeo);

            // Romeo (Kith) adds the nurse (ejabberd); she approves and adds him back; he approves.
            romeoRoster.createItemAndRequestSubscription(nurseJid, "Nurse", null);
            Presence request = atNurse.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(request).as("subscription request delivered by ejabberd").isNotNull();
            assertThat(request.getFrom().asBareJid().toString()).isEqualTo(ROMEO);
            nurse.sendStanza(nurse.getStanzaFactory().buildPresenceStanza().to(romeoJid)
                    .ofType(Presence.Type.subscribed).build());
            nurseRoster.createItemAndRequestSubscription(romeoJid, "Romeo", null);
            Presence back = atRomeo.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(back).as("subscription request delivered by Kith").isNotNull();
            assertThat(back.getFrom().asBareJid().toString()).isEqualTo("nurse@ejabberd.test");
            romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().to(nurseJid)
                    .ofType(Presence.Type.subscribed).build());

            ProsodyFederationTest.eventually(() -> {
                RosterEntry entry = romeoRoster.getEntry(nurseJid);
                assertThat(entry).as("nurse in Romeo's roster").isNotNull();
                assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
                assertThat(entry.isSubscriptionPending()).isFalse();
            });
            ProsodyFederationTest.eventually(() -> {
                RosterEntry entry = nurseRoster.getEntry(romeoJid);
                assertThat(entry).as("Romeo in the nurse's roster").isNotNull();
                assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
                assertThat(entry.isSubscriptionPending()).isFalse();
            });

            // Each sees the other online, then follows changes.
            ProsodyFederationTest.eventually(() -> assertThat(romeoRoster.getPresence(nurseJid).isAvailable()).isTrue());
            ProsodyFederationTest.eventually(() -> assertThat(nurseRoster.getPresence(romeoJid).isAvailable()).isTrue());
            presence(nurse, Presence.Mode.away, "Fetching the ropes");
            ProsodyFederationTest.eventually(() -> {
                Presence p = romeoRoster.getPresence(nurseJid);
                assertThat(p.getMode()).isEqualTo(Presence.Mode.away);
                assertThat(p.getStatus()).isEqualTo("Fetching the ropes");
            });
            presence(romeo, Presence.Mode.dnd, "Banished to Mantua");
            ProsodyFederationTest.eventually(() -> {
                Presence p = nurseRoster.getPresence(romeoJid);
                assertThat(p.getMode()).isEqualTo(Presence.Mode.dnd);
                assertThat(p.getStatus()).isEqualTo("Banished to Mantua");
            });
            presence(romeo, Presence.Mode.available, null);

            nurse.disconnect();
            ProsodyFederationTest.eventually(() -> assertThat(romeoRoster.getPresence(nurseJid).isAvailable())
                    .as("nurse seen going offline").isFalse());
        } finally {
            nurse.disconnect();
        }
    }

    @Test
    void kithUserChatsInARoomOnEjabberd() throws Exception {
        XMPPTCPConnection tybalt = ejabberdUser("tybalt");
        try {
            chatInRoom(JidCreate.entityBareFrom("capulets@" + EjabberdPeer.MUC_DOMAIN),
                    tybalt, "Tybalt", "Boy, this shall not excuse the injuries",
                    romeo, "Romeo", "Tybalt, the reason that I have to love thee");
        } finally {
            tybalt.disconnect();
        }
    }

    @Test
    void ejabberdUserChatsInARoomOnKith() throws Exception {
        XMPPTCPConnection mercutio = ejabberdUser("mercutio");
        try {
            chatInRoom(JidCreate.entityBareFrom("piazza@groups." + EjabberdPeer.KITH_DOMAIN),
                    romeo, "Romeo", "Courage, man; the hurt cannot be much",
                    mercutio, "Mercutio", "A plague o' both your houses");
        } finally {
            mercutio.disconnect();
        }
    }

    /**
     * The creator makes an instant room on its own server; the joiner, a user of the other server, joins
     * (Smack asks the room's disco#info first, so that crosses too); both see each other in the room and
     * each other's message, the joiner sees its own reflected, and the creator sees the joiner leave.
     */
    private static void chatInRoom(EntityBareJid roomJid, XMPPTCPConnection creator, String creatorNick,
            String creatorLine, XMPPTCPConnection joiner, String joinerNick, String joinerLine) throws Exception {
        MultiUserChat joinerRoom = MultiUserChatManager.getInstanceFor(joiner).getMultiUserChat(roomJid);
        try {
            MultiUserChat creatorRoom = MultiUserChatManager.getInstanceFor(creator).getMultiUserChat(roomJid);
            creatorRoom.create(Resourcepart.from(creatorNick)).makeInstant();
            BlockingQueue<Message> atCreator = new LinkedBlockingQueue<>();
            creatorRoom.addMessageListener(atCreator::add);
            BlockingQueue<Message> atJoiner = new LinkedBlockingQueue<>();
            joinerRoom.addMessageListener(atJoiner::add);

            joinerRoom.join(Resourcepart.from(joinerNick));
            assertThat(joinerRoom.isJoined()).isTrue();
            ProsodyFederationTest.eventually(() -> assertThat(names(joinerRoom.getOccupants()))
                    .contains(roomJid + "/" + creatorNick, roomJid + "/" + joinerNick));
            ProsodyFederationTest.eventually(() -> assertThat(names(creatorRoom.getOccupants()))
                    .contains(roomJid + "/" + joinerNick));

            joinerRoom.sendMessage(joinerLine);
            Message fromJoiner = nextFrom(atCreator, roomJid + "/" + joinerNick);
            assertThat(fromJoiner.getBody()).isEqualTo(joinerLine);
            assertThat(fromJoiner.getType()).isEqualTo(Message.Type.groupchat);
            Message echo = nextFrom(atJoiner, roomJid + "/" + joinerNick);
            assertThat(echo.getBody()).as("the room reflects the message to its remote sender").isEqualTo(joinerLine);

            creatorRoom.sendMessage(creatorLine);
            Message fromCreator = nextFrom(atJoiner, roomJid + "/" + creatorNick);
            assertThat(fromCreator.getBody()).isEqualTo(creatorLine);
            assertThat(fromCreator.getType()).isEqualTo(Message.Type.groupchat);
            assertThat(fromCreator.getTo().asBareJid().toString()).isEqualTo(joiner.getUser().asBareJid().toString());

            joinerRoom.leave();
            ProsodyFederationTest.eventually(() -> assertThat(names(creatorRoom.getOccupants()))
                    .doesNotContain(roomJid + "/" + joinerNick));
        } finally {
            if (joinerRoom.isJoined()) {
                joinerRoom.leave();
            }
        }
    }

    private static List<String> names(List<? extends CharSequence> jids) {
        return jids.stream().map(CharSequence::toString).toList();
    }

    /** The next message with a body from the given occupant, skipping others (such as the room subject). */
    private static Message nextFrom(BlockingQueue<Message> queue, String from) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Message m = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(m).as("groupchat message from " + from).isNotNull();
            if (m.getBody() != null && m.getFrom().toString().equals(from)) {
                return m;
            }
        }
    }
}
