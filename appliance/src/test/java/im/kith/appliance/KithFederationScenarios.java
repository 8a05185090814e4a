package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import im.kith.testkit.Eventually;
import im.kith.testkit.OccupantIdProvider;
import im.kith.testkit.TcpConnections;
import im.kith.testkit.XmppClients;

/**
 * Two Kith nodes federate with each other: the packaged application is started twice, as separate
 * processes with different domains ({@value #A} and {@value #B}), databases and ports, each pointing
 * the other's domains at the other's s2s port (KITH_S2S_HOSTS). How the nodes authenticate each other is
 * up to the subclass ({@link #prepare}): Server Dialback with self-signed certificates, or SASL EXTERNAL
 * with certificates from a CA both trust. Users of the two nodes exchange messages and IQ pings both ways,
 * subscribe to each other and follow each other's presence, and a user of {@value #A} chats in a room on
 * {@code groups.}{@value #B}; each node's status shows how the other's streams authenticated, both ways.
 * The first test counts the TCP connections between the nodes: one when both speak XEP-0288
 * (bidirectional streams, the default), two when a subclass turns it off on one node ({@link #bidi}).
 *
 * <p>Run by Failsafe after {@code package}, which builds {@code target/quarkus-app}. Each node's output
 * is in {@code node.log} under {@code target/kith-federation-it/run-NNN/DOMAIN};
 * {@code -Dkith.it.log-level=DEBUG} raises the nodes' log level and {@code -Dkith.it.smack-debug=true}
 * prints the clients' XML.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class KithFederationScenarios {
    static final String A = "kith-a.test";
    static final String B = "kith-b.test";
    private static final String MUC_B = "groups." + B;
    private static final String PASSWORD = "federation-test-passphrase";
    private static final Duration WAIT = Duration.ofSeconds(20);

    KithNodeProcess nodeA;
    KithNodeProcess nodeB;

    /**
     * Sets up both nodes' certificates and trust (certificate files, KITH_S2S_CA,
     * KITH_S2S_INSECURE_DOMAINS through {@link KithNodeProcess#set}) before they start.
     */
    abstract void prepare(KithNodeProcess a, KithNodeProcess b, Path runDir) throws Exception;

    /** How every stream between the nodes must authenticate, as the status names it. */
    abstract String authentication();

    /** Whether both nodes run with bidirectional streams (KITH_S2S_BIDI, on by default). */
    boolean bidi() {
        return true;
    }

    /** Prints the end of both nodes' logs when set-up or a test fails. */
    @RegisterExtension
    static final NodeLogs LOGS = new NodeLogs();

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void startNodes() throws Exception {
        SmackConfiguration.DEBUG = Boolean.getBoolean("kith.it.smack-debug");
        OccupantIdProvider.install();
        Path jar = Path.of(System.getProperty("kith.appliance.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application (built by mvn package)").isRegularFile();
        Path dir = Path.of(System.getProperty("kith.it.dir", "target/kith-federation-it"));
        Files.createDirectories(dir);
        Path runDir = Files.createTempDirectory(dir, "run-");
        nodeA = new KithNodeProcess(A, runDir.resolve(A));
        nodeB = new KithNodeProcess(B, runDir.resolve(B));
        prepare(nodeA, nodeB, runDir);
        nodeA.start(jar, routes(B, nodeB.s2sPort), "");
        nodeB.start(jar, routes(A, nodeA.s2sPort), "");
        nodeA.awaitReady();
        nodeB.awaitReady();
        for (String user : List.of("alice", "amy", "arthur", "ava")) {
            nodeA.createAccount(user, PASSWORD);
        }
        for (String user : List.of("bob", "bea", "bernard", "bruno")) {
            nodeB.createAccount(user, PASSWORD);
        }
    }

    private static String routes(String domain, int port) {
        return domain + "=127.0.0.1:" + port + ",groups." + domain + "=127.0.0.1:" + port;
    }

    @AfterAll
    void stopNodes() {
        // Both in parallel, so that neither waits on the other's shut-down.
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            if (nodeA != null) {
                nodeA.stop();
            }
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            if (nodeB != null) {
                nodeB.stop();
            }
        });
        CompletableFuture.allOf(a, b).join();
    }

    private static XMPPTCPConnection login(KithNodeProcess node, String user, String resource) throws Exception {
        XMPPTCPConnection c = XmppClients.login(node.domain, node.c2sPort, user, PASSWORD, resource);
        c.sendStanza(c.getStanzaFactory().buildPresenceStanza().build());
        return c;
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> inbox.add((Message) s),
                s -> s instanceof Message m && m.getBody() != null && m.getType() != Message.Type.groupchat);
        return inbox;
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

    /**
     * Runs first, while no s2s connection exists. After messages and pings in both directions, the
     * connections accepted on the two s2s ports (from the kernel's table) are one with XEP-0288 and two
     * without, once the short-lived dialback verification connections are closed; both statuses agree.
     */
    @Test
    @Order(1)
    void oneConnectionCarriesBothDirectionsWithBidiAndTwoWithout() throws Exception {
        assertThat(TcpConnections.available()).as("/proc/net/tcp readable").isTrue();
        int[] s2sPorts = {nodeA.s2sPort, nodeB.s2sPort};
        assertThat(TcpConnections.acceptedOn(s2sPorts)).as("s2s connections before any traffic").isZero();
        XMPPTCPConnection alice = login(nodeA, "alice", "count");
        XMPPTCPConnection bob = login(nodeB, "bob", "count");
        try {
            BlockingQueue<Message> atAlice = inbox(alice);
            BlockingQueue<Message> atBob = inbox(bob);
            send(alice, "bob@" + B + "/count", "One connection?");
            assertThat(next(atBob, "message at " + B).getBody()).isEqualTo("One connection?");
            send(bob, "alice@" + A + "/count", "Let's count");
            assertThat(next(atAlice, "message at " + A).getBody()).isEqualTo("Let's count");
            assertThat(PingManager.getInstanceFor(bob).ping(JidCreate.domainBareFrom(A), WAIT.toMillis())).isTrue();
            assertThat(PingManager.getInstanceFor(alice).ping(JidCreate.domainBareFrom(B), WAIT.toMillis())).isTrue();

            int expected = bidi() ? 1 : 2;
            eventually(() -> assertThat(TcpConnections.acceptedOn(s2sPorts))
                    .as("s2s connections between the nodes").isEqualTo(expected));
            for (KithNodeProcess[] pair : new KithNodeProcess[][] {{nodeA, nodeB}, {nodeB, nodeA}}) {
                JsonObject status = federationStatus(pair[0], pair[1].domain);
                assertThat(status.getBoolean("outbound")).as("stanzas to " + pair[1].domain).isTrue();
                assertThat(status.getInteger("inbound")).as("stanzas from " + pair[1].domain).isPositive();
                assertThat(status.getBoolean("bidi")).as("bidirectional at " + pair[0].domain).isEqualTo(bidi());
            }

            // Still both ways, over the same connections.
            send(bob, "alice@" + A + "/count", "Counted");
            assertThat(next(atAlice, "second message at " + A).getBody()).isEqualTo("Counted");
            send(alice, "bob@" + B + "/count", "Agreed");
            assertThat(next(atBob, "second message at " + B).getBody()).isEqualTo("Agreed");
            assertThat(TcpConnections.acceptedOn(s2sPorts)).as("s2s connections afterwards").isEqualTo(expected);
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void messagesAndPingsCrossBothWays() throws Exception {
        XMPPTCPConnection alice = login(nodeA, "alice", "laptop");
        XMPPTCPConnection bob = login(nodeB, "bob", "phone");
        try {
            BlockingQueue<Message> atAlice = inbox(alice);
            BlockingQueue<Message> atBob = inbox(bob);

            send(alice, "bob@" + B + "/phone", "Hello from kith-a");
            Message atB = next(atBob, "message from " + A + " delivered by " + B);
            assertThat(atB.getBody()).isEqualTo("Hello from kith-a");
            assertThat(atB.getFrom().toString()).isEqualTo("alice@" + A + "/laptop");
            assertThat(atB.getTo().toString()).isEqualTo("bob@" + B + "/phone");

            send(bob, "alice@" + A + "/laptop", "Hello back from kith-b");
            Message atA = next(atAlice, "message from " + B + " delivered by " + A);
            assertThat(atA.getBody()).isEqualTo("Hello back from kith-b");
            assertThat(atA.getFrom().toString()).isEqualTo("bob@" + B + "/phone");

            // To bare JIDs: each node picks the recipient's available resource.
            send(alice, "bob@" + B, "To Bob's bare JID");
            Message bare = next(atBob, "bare-JID message at " + B);
            assertThat(bare.getBody()).isEqualTo("To Bob's bare JID");
            assertThat(bare.getFrom().toString()).isEqualTo("alice@" + A + "/laptop");
            send(bob, "alice@" + A, "To Alice's bare JID");
            Message bareBack = next(atAlice, "bare-JID message at " + A);
            assertThat(bareBack.getBody()).isEqualTo("To Alice's bare JID");
            assertThat(bareBack.getFrom().toString()).isEqualTo("bob@" + B + "/phone");

            // IQs: to a user on the other node and to the other node itself (XEP-0199).
            assertThat(PingManager.getInstanceFor(alice).ping(JidCreate.from("bob@" + B + "/phone"), WAIT.toMillis()))
                    .isTrue();
            assertThat(PingManager.getInstanceFor(bob).ping(JidCreate.domainBareFrom(A), WAIT.toMillis())).isTrue();
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void eachNodeShowsTheOthersStreamsAuthenticatedTheExpectedWayInBothDirections() throws Exception {
        XMPPTCPConnection alice = login(nodeA, "alice", "status");
        XMPPTCPConnection bob = login(nodeB, "bob", "status");
        try {
            // A ping each way makes sure that both nodes have an outgoing stream to the other.
            assertThat(PingManager.getInstanceFor(alice).ping(JidCreate.domainBareFrom(B), WAIT.toMillis())).isTrue();
            assertThat(PingManager.getInstanceFor(bob).ping(JidCreate.domainBareFrom(A), WAIT.toMillis())).isTrue();
            for (KithNodeProcess[] pair : new KithNodeProcess[][] {{nodeA, nodeB}, {nodeB, nodeA}}) {
                KithNodeProcess node = pair[0];
                String peer = pair[1].domain;
                eventually(() -> {
                    JsonObject status = federationStatus(node, peer);
                    assertThat(status).as("federation status of " + peer + " at " + node.domain).isNotNull();
                    assertThat(status.getBoolean("outbound")).as("outgoing stream up").isTrue();
                    assertThat(status.getString("outboundAuth")).as("outgoing stream authentication")
                            .isEqualTo(authentication());
                    assertThat(status.getInteger("inbound")).as("incoming streams").isPositive();
                    assertThat(status.getString("inboundAuth")).as("incoming stream authentication")
                            .isEqualTo(authentication());
                });
                eventually(() -> assertThat(node.logText())
                        .contains("s2s stream " + node.domain + " -> " + peer + " authenticated")
                        .containsPattern("s2s stream from " + peer.replace(".", "\\.") + " \\(.*\\) authenticated by "
                                + authentication()));
            }
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    /** The peer's entry in the node's federation status (admin API, as {@code kithctl status} shows it). */
    private static JsonObject federationStatus(KithNodeProcess node, String peer) throws Exception {
        HttpResponse<String> r = node.admin("GET", "/status", null);
        assertThat(r.statusCode()).as("status of " + node.domain).isEqualTo(200);
        JsonArray domains = new JsonObject(r.body()).getJsonObject("federation").getJsonArray("domains");
        for (int i = 0; i < domains.size(); i++) {
            if (peer.equals(domains.getJsonObject(i).getString("domain"))) {
                return domains.getJsonObject(i);
            }
        }
        return null;
    }

    @Test
    void usersOfBothNodesSubscribeToEachOtherAndSeePresence() throws Exception {
        XMPPTCPConnection amy = login(nodeA, "amy", "desktop");
        XMPPTCPConnection bea = login(nodeB, "bea", "tablet");
        try {
            BareJid amyJid = JidCreate.bareFrom("amy@" + A);
            BareJid beaJid = JidCreate.bareFrom("bea@" + B);
            Roster amyRoster = Roster.getInstanceFor(amy);
            Roster beaRoster = Roster.getInstanceFor(bea);
            amyRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            beaRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            BlockingQueue<Presence> atBea = subscribeRequests(bea);
            BlockingQueue<Presence> atAmy = subscribeRequests(amy);

            // Amy adds Bea; Bea approves and adds Amy back; Amy approves.
            amyRoster.createItemAndRequestSubscription(beaJid, "Bea", null);
            Presence request = atBea.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(request).as("subscription request from " + A + " delivered by " + B).isNotNull();
            assertThat(request.getFrom().asBareJid().toString()).isEqualTo("amy@" + A);
            bea.sendStanza(bea.getStanzaFactory().buildPresenceStanza().to(amyJid)
                    .ofType(Presence.Type.subscribed).build());
            beaRoster.createItemAndRequestSubscription(amyJid, "Amy", null);
            Presence back = atAmy.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(back).as("subscription request from " + B + " delivered by " + A).isNotNull();
            assertThat(back.getFrom().asBareJid().toString()).isEqualTo("bea@" + B);
            amy.sendStanza(amy.getStanzaFactory().buildPresenceStanza().to(beaJid)
                    .ofType(Presence.Type.subscribed).build());

            eventually(() -> {
                RosterEntry entry = amyRoster.getEntry(beaJid);
                assertThat(entry).as("Bea in Amy's roster").isNotNull();
                assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
                assertThat(entry.isSubscriptionPending()).isFalse();
            });
            eventually(() -> {
                RosterEntry entry = beaRoster.getEntry(amyJid);
                assertThat(entry).as("Amy in Bea's roster").isNotNull();
                assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
                assertThat(entry.isSubscriptionPending()).isFalse();
            });

            // Each sees the other online, then follows changes in both directions.
            eventually(() -> assertThat(amyRoster.getPresence(beaJid).isAvailable()).as("Bea online at Amy").isTrue());
            eventually(() -> assertThat(beaRoster.getPresence(amyJid).isAvailable()).as("Amy online at Bea").isTrue());
            presence(bea, Presence.Mode.away, "Out for lunch");
            eventually(() -> {
                Presence p = amyRoster.getPresence(beaJid);
                assertThat(p.getMode()).isEqualTo(Presence.Mode.away);
                assertThat(p.getStatus()).isEqualTo("Out for lunch");
                assertThat(p.getFrom().toString()).isEqualTo("bea@" + B + "/tablet");
            });
            presence(amy, Presence.Mode.dnd, "In a meeting");
            eventually(() -> {
                Presence p = beaRoster.getPresence(amyJid);
                assertThat(p.getMode()).isEqualTo(Presence.Mode.dnd);
                assertThat(p.getStatus()).isEqualTo("In a meeting");
                assertThat(p.getFrom().toString()).isEqualTo("amy@" + A + "/desktop");
            });

            // Logging out is seen on the other node as well, and a new login too.
            bea.disconnect();
            eventually(() -> assertThat(amyRoster.getPresence(beaJid).isAvailable())
                    .as("Bea seen going offline").isFalse());
            XMPPTCPConnection beaAgain = login(nodeB, "bea", "phone");
            try {
                eventually(() -> {
                    Presence p = amyRoster.getPresence(beaJid);
                    assertThat(p.isAvailable()).as("Bea seen coming back").isTrue();
                    assertThat(p.getFrom().toString()).isEqualTo("bea@" + B + "/phone");
                });
                eventually(() -> assertThat(Roster.getInstanceFor(beaAgain).getPresence(amyJid).getMode())
                        .as("Amy's current presence sent to Bea's new session").isEqualTo(Presence.Mode.dnd));
            } finally {
                beaAgain.disconnect();
            }
        } finally {
            amy.disconnect();
            bea.disconnect();
        }
    }

    @Test
    void aContactInviteOfOneNodeIsRedeemedByAUserOfTheOther() throws Exception {
        // Ava on kith-a invites Bruno, who already has an account on kith-b (XEP-0379 §3, §4).
        HttpResponse<String> created = nodeA.admin("POST", "/invites", "{\"kind\": \"contact\", \"inviter\": \"ava\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uri = new JsonObject(created.body()).getString("uri");
        assertThat(uri).startsWith("xmpp:ava@" + A + "?roster;preauth=");
        String token = uri.replaceAll(".*preauth=([^;]+).*", "$1");

        XMPPTCPConnection ava = login(nodeA, "ava", "phone");
        XMPPTCPConnection bruno = login(nodeB, "bruno", "laptop");
        try {
            BareJid avaJid = JidCreate.bareFrom("ava@" + A);
            BareJid brunoJid = JidCreate.bareFrom("bruno@" + B);
            Roster avaRoster = Roster.getInstanceFor(ava);
            Roster brunoRoster = Roster.getInstanceFor(bruno);
            avaRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            brunoRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            BlockingQueue<Presence> atAva = subscribeRequests(ava);
            BlockingQueue<Presence> atBruno = subscribeRequests(bruno);

            // Bruno's app opens the URI: a subscription request carrying the token crosses to kith-a.
            bruno.sendStanza(bruno.getStanzaFactory().buildPresenceStanza().to(avaJid).ofType(Presence.Type.subscribe)
                    .addExtension(StandardExtensionElement.builder("preauth", "urn:xmpp:pars:0")
                            .addAttribute("token", token).build())
                    .build());

            // Approved by Ava's server without asking her, which asks back in her name (§3.4).
            Presence back = atBruno.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(back).as("Ava's subscription request, sent back by " + A).isNotNull();
            assertThat(back.getFrom().asBareJid().toString()).isEqualTo(avaJid.toString());
            eventually(() -> {
                RosterEntry entry = brunoRoster.getEntry(avaJid);
                assertThat(entry).as("Ava in Bruno's roster").isNotNull();
                assertThat(entry.canSeeHisPresence()).as("Bruno's request approved").isTrue();
            });
            bruno.sendStanza(bruno.getStanzaFactory().buildPresenceStanza().to(avaJid)
                    .ofType(Presence.Type.subscribed).build());

            eventually(() -> {
                RosterEntry entry = avaRoster.getEntry(brunoJid);
                assertThat(entry).as("Bruno in Ava's roster").isNotNull();
                assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
            });
            eventually(() -> assertThat(brunoRoster.getEntry(avaJid).getType()).isEqualTo(RosterPacket.ItemType.both));
            assertThat(atAva).as("Ava was never asked").isEmpty();

            // The single-use invite is used up.
            JsonArray invites = new JsonObject(nodeA.admin("GET", "/invites", null).body()).getJsonArray("invites");
            assertThat(invites.stream().map(JsonObject.class::cast).filter(i -> "ava".equals(i.getString("inviter"))))
                    .singleElement().satisfies(i -> assertThat(i.getInteger("uses")).isEqualTo(1));
        } finally {
            ava.disconnect();
            bruno.disconnect();
        }
    }

    @Test
    void userOfOneNodeChatsInARoomOnTheOther() throws Exception {
        XMPPTCPConnection bernard = login(nodeB, "bernard", "home");
        XMPPTCPConnection arthur = login(nodeA, "arthur", "work");
        EntityBareJid roomJid = JidCreate.entityBareFrom("lounge@" + MUC_B);
        MultiUserChat arthurRoom = MultiUserChatManager.getInstanceFor(arthur).getMultiUserChat(roomJid);
        try {
            // Bernard creates the room on his own node.
            MultiUserChat bernardRoom = MultiUserChatManager.getInstanceFor(bernard).getMultiUserChat(roomJid);
            bernardRoom.create(Resourcepart.from("Bernard")).makeInstant();
            BlockingQueue<Message> atBernard = new LinkedBlockingQueue<>();
            bernardRoom.addMessageListener(atBernard::add);
            BlockingQueue<Message> atArthur = new LinkedBlockingQueue<>();
            arthurRoom.addMessageListener(atArthur::add);

            // Arthur, on the other node, joins (Smack asks the room's disco#info first, across too).
            arthurRoom.join(Resourcepart.from("Arthur"));
            assertThat(arthurRoom.isJoined()).isTrue();
            eventually(() -> assertThat(names(arthurRoom.getOccupants()))
                    .contains(roomJid + "/Bernard", roomJid + "/Arthur"));
            eventually(() -> assertThat(names(bernardRoom.getOccupants())).contains(roomJid + "/Arthur"));

            arthurRoom.sendMessage("Hello room, from kith-a");
            Message fromArthur = nextFrom(atBernard, roomJid + "/Arthur");
            assertThat(fromArthur.getBody()).isEqualTo("Hello room, from kith-a");
            assertThat(fromArthur.getType()).isEqualTo(Message.Type.groupchat);
            Message echo = nextFrom(atArthur, roomJid + "/Arthur");
            assertThat(echo.getBody()).as("the room reflects Arthur's message to him").isEqualTo("Hello room, from kith-a");

            bernardRoom.sendMessage("Welcome, Arthur");
            Message fromBernard = nextFrom(atArthur, roomJid + "/Bernard");
            assertThat(fromBernard.getBody()).isEqualTo("Welcome, Arthur");
            assertThat(fromBernard.getType()).isEqualTo(Message.Type.groupchat);
            assertThat(fromBernard.getTo().toString()).isEqualTo("arthur@" + A + "/work");

            arthurRoom.leave();
            eventually(() -> assertThat(names(bernardRoom.getOccupants())).doesNotContain(roomJid + "/Arthur"));
        } finally {
            if (arthurRoom.isJoined()) {
                arthurRoom.leave();
            }
            arthur.disconnect();
            bernard.disconnect();
        }
    }

    private static BlockingQueue<Presence> subscribeRequests(XMPPTCPConnection c) {
        BlockingQueue<Presence> requests = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> requests.add((Presence) s), PresenceTypeFilter.SUBSCRIBE);
        return requests;
    }

    private static void presence(XMPPTCPConnection c, Presence.Mode mode, String status) throws Exception {
        c.sendStanza(c.getStanzaFactory().buildPresenceStanza().setMode(mode).setStatus(status).build());
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

    private static void eventually(Eventually.Check check) throws Exception {
        Eventually.eventually(WAIT, check);
    }

    static final class NodeLogs implements TestWatcher, LifecycleMethodExecutionExceptionHandler {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            print(context, context.getDisplayName());
        }

        @Override
        public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
                throws Throwable {
            print(context, "start-up");
            throw throwable;
        }

        private static void print(ExtensionContext context, String what) {
            Object instance = context.getTestInstance().orElse(null);
            if (!(instance instanceof KithFederationScenarios test)) {
                return;
            }
            for (KithNodeProcess node : new KithNodeProcess[] {test.nodeA, test.nodeB}) {
                if (node != null) {
                    System.err.println("---- " + what + " failed; last lines of " + node.log + " ----\n"
                            + node.tail(60));
                }
            }
        }
    }
}
