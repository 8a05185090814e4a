package im.kith.xmpp.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.kith.testkit.Eventually;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/**
 * A Smack client of a test account that records every presence and message it receives, in order.
 * Subscription requests are left to the test (Smack's roster would otherwise refuse them).
 */
final class ImClient implements AutoCloseable {
    static final String DOMAIN = "localhost";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration LOGIN_WAIT = Duration.ofSeconds(60);
    /** How long to wait before concluding that nothing more arrives. */
    static final Duration QUIET = Duration.ofMillis(700);

    static {
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
    }

    /** How a client treats its roster. */
    enum RosterUse {
        /** Smack loads the roster at login and applies pushes: an interested resource (RFC 6121 §2.2). */
        LOADED,
        /** The roster is never requested: not an interested resource. */
        NOT_REQUESTED,
        /** Pushes are recorded raw in {@link #pushes}; the test requests the roster itself. */
        RECORDED
    }

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    final XMPPTCPConnection connection;
    final BlockingQueue<Presence> presences = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<RosterPacket> pushes = new LinkedBlockingQueue<>();

    private ImClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    static ImClient login(int port, String user, String resource) throws Exception {
        return login(port, user, resource, RosterUse.LOADED);
    }

    static ImClient login(int port, String user, String resource, RosterUse rosterUse) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XmppClients.starttls(DOMAIN, port, user, password(user))
                .setResource(resource).build());
        ImClient client = new ImClient(c);
        c.addSyncStanzaListener(s -> client.presences.add((Presence) s), StanzaTypeFilter.PRESENCE);
        c.addSyncStanzaListener(s -> client.messages.add((Message) s), StanzaTypeFilter.MESSAGE);
        Roster roster = Roster.getInstanceFor(c);
        roster.setRosterLoadedAtLogin(rosterUse == RosterUse.LOADED);
        if (rosterUse == RosterUse.RECORDED) {
            c.registerIQRequestHandler(new AbstractIqRequestHandler(RosterPacket.ELEMENT, RosterPacket.NAMESPACE,
                    IQ.Type.set, IQRequestHandler.Mode.sync) {
                @Override
                public IQ handleIQRequest(IQ push) {
                    client.pushes.add((RosterPacket) push);
                    return IQ.createResultIQ(push);
                }
            });
        }
        // The first TLS handshake of a run warms up the server's TLS stack, which is slow on a busy machine.
        c.setReplyTimeout(LOGIN_WAIT.toMillis());
        c.connect().login();
        c.setReplyTimeout(WAIT.toMillis());
        if (rosterUse == RosterUse.LOADED) {
            roster.reloadAndWait();
        }
        return client;
    }

    /** Creates an account with a name no other test uses. */
    static String newAccount(AccountService accounts, String prefix) {
        String name = prefix + "-" + ACCOUNTS.incrementAndGet();
        accounts.create(name, password(name), Role.USER);
        return name;
    }

    static String password(String user) {
        return user + "-secret-pass";
    }

    static EntityBareJid jid(String user) {
        return JidCreate.entityBareFromOrThrowUnchecked(user + "@" + DOMAIN);
    }

    /** Makes the subscription mutual ("Both" on both rosters) and forgets the stanzas that took. */
    static void befriend(ImClient a, ImClient b) throws Exception {
        a.presence(Presence.Type.subscribe, b.bare());
        b.nextPresence(Presence.Type.subscribe, a.bare());
        b.presence(Presence.Type.subscribed, a.bare());
        b.presence(Presence.Type.subscribe, a.bare());
        a.nextPresence(Presence.Type.subscribe, b.bare());
        a.presence(Presence.Type.subscribed, b.bare());
        Eventually.eventually(WAIT, () -> {
            assertThat(a.subscriptionTo(b.bare())).isEqualTo(RosterPacket.ItemType.both);
            assertThat(b.subscriptionTo(a.bare())).isEqualTo(RosterPacket.ItemType.both);
        });
        Thread.sleep(QUIET.toMillis());
        a.presences.clear();
        b.presences.clear();
    }

    /** The subscription state of a contact on this client's roster, or null if it is not on it. */
    RosterPacket.ItemType subscriptionTo(BareJid contact) {
        RosterEntry entry = roster().getEntry(contact);
        return entry == null ? null : entry.getType();
    }

    Roster roster() {
        return Roster.getInstanceFor(connection);
    }

    BareJid bare() {
        return connection.getUser().asBareJid();
    }

    /** Sends available presence without 'to' (initial or subsequent presence). */
    void available() throws Exception {
        connection.sendStanza(PresenceBuilder.buildPresence().build());
    }

    void available(String status, int priority) throws Exception {
        connection.sendStanza(PresenceBuilder.buildPresence().setStatus(status).setPriority(priority).build());
    }

    void send(Stanza stanza) throws Exception {
        connection.sendStanza(stanza);
    }

    /** Sends a presence of a type to an address. */
    void presence(Presence.Type type, Jid to) throws Exception {
        connection.sendStanza(PresenceBuilder.buildPresence().ofType(type).to(to).build());
    }

    void chat(Jid to, String body) throws Exception {
        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(to)
                .ofType(Message.Type.chat).setBody(body).build());
    }

    /** The next presence that matches, skipping others; null if none comes in time. */
    Presence nextPresence(Predicate<Presence> wanted) throws InterruptedException {
        return next(presences, wanted, WAIT);
    }

    Presence nextPresence(Presence.Type type, BareJid from) throws InterruptedException {
        return nextPresence(p -> p.getType() == type && p.getFrom().asBareJid().equals(from));
    }

    /** Whether a matching presence arrives within {@link #QUIET}. */
    boolean receivesPresence(Predicate<Presence> wanted) throws InterruptedException {
        return next(presences, wanted, QUIET) != null;
    }

    Message nextMessage() throws InterruptedException {
        return messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Messages that arrive within {@link #QUIET}, after those already received. */
    List<Message> drainMessages() throws InterruptedException {
        List<Message> out = new ArrayList<>();
        Message m;
        while ((m = messages.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            out.add(m);
        }
        return out;
    }

    RosterPacket nextPush() throws InterruptedException {
        return pushes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T next(BlockingQueue<T> queue, Predicate<T> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            T item = queue.poll(left, TimeUnit.NANOSECONDS);
            if (item == null) {
                return null;
            }
            if (wanted.test(item)) {
                return item;
            }
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
