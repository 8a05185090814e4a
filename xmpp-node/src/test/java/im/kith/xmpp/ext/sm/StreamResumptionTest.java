package im.kith.xmpp.ext.sm;

import static im.kith.xmpp.ext.sm.RawClient.DOMAIN;
import static im.kith.xmpp.ext.sm.RawClient.SM;
import static im.kith.xmpp.ext.sm.RawClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0198 §5 resumption, its refusals, and what becomes of unacknowledged messages when it never comes. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamResumptionTest {

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"mercutio", "benvolio", "tybalt"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-secret-pass", Role.USER);
            }
        }
    }

    private XMPPTCPConnection smack(String user, String resource, boolean streamManagement) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XmppClients.starttls(DOMAIN, listeners.port(), user,
                user + "-secret-pass").setResource(resource).build());
        c.setUseStreamManagement(streamManagement);
        c.setUseStreamManagementResumption(streamManagement);
        c.connect().login();
        return c;
    }

    private static void chat(XMPPTCPConnection from, String to, String body) throws Exception {
        from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to))
                .ofType(Message.Type.chat).setBody(body).build());
    }

    @Test
    void messagesSentWhileTheConnectionIsDownArriveExactlyOnceAfterResumption() throws Exception {
        XMPPTCPConnection mercutio = smack("mercutio", "phone", true);
        XMPPTCPConnection benvolio = smack("benvolio", "desk", false);
        try {
            assertThat(mercutio.isSmEnabled()).isTrue();
            assertThat(mercutio.isSmResumptionPossible()).isTrue();
            List<String> bodies = new CopyOnWriteArrayList<>();
            // A synchronous listener sees stanzas in the order they arrive.
            mercutio.addSyncStanzaListener(s -> bodies.add(((Message) s).getBody()),
                    s -> s instanceof Message m && m.getBody() != null);

            chat(benvolio, "mercutio@localhost/phone", "before");
            RawClient.await(() -> bodies.contains("before"));

            mercutio.instantShutdown();
            for (int i = 1; i <= 3; i++) {
                chat(benvolio, "mercutio@localhost/phone", "gap " + i);
            }
            // Let the node route them into the detached session before the client comes back.
            Thread.sleep(500);
            mercutio.connect().login();
            assertThat(mercutio.streamWasResumed()).isTrue();

            RawClient.await(() -> bodies.size() >= 4);
            chat(benvolio, "mercutio@localhost/phone", "after");
            RawClient.await(() -> bodies.contains("after"));
            assertThat(bodies).containsExactly("before", "gap 1", "gap 2", "gap 3", "after");
        } finally {
            mercutio.disconnect();
            benvolio.disconnect();
        }
    }

    @Test
    void resumingAnotherUsersSessionFailsWithItemNotFoundAndBindingStillWorks() throws Exception {
        try (RawXmppSocket mercutio = RawClient.bound(listeners.port(), "mercutio", "mercutio-secret-pass", "raw");
                RawXmppSocket tybalt = RawClient.authenticated(listeners.port(), "tybalt", "tybalt-secret-pass")) {
            String id = RawClient.enableResumable(mercutio, "");
            assertThat(id.length()).as("at least 128 bits, base64").isGreaterThanOrEqualTo(22);
            mercutio.close();

            tybalt.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            String failed = tybalt.readUntil("</failed>", WAIT);
            assertThat(failed).contains("<failed xmlns=\"urn:xmpp:sm:3\">")
                    .contains("<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
            tybalt.clear();
            RawClient.bind(tybalt, "after-failure");

            // The rightful owner can still resume it.
            try (RawXmppSocket again = RawClient.authenticated(listeners.port(), "mercutio", "mercutio-secret-pass")) {
                again.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
                assertThat(again.readUntil("<resumed", WAIT) + again.readUntil("/>", WAIT))
                        .contains("previd=\"" + id + "\"").contains("h=\"0\"");
            }
        }
    }

    @Test
    void unknownIdAndTooHighCountsFailWithItemNotFound() throws Exception {
        try (RawXmppSocket s = RawClient.authenticated(listeners.port(), "tybalt", "tybalt-secret-pass")) {
            s.send("<resume xmlns='" + SM + "' previd='no-such-session' h='0'/>");
            assertThat(s.readUntil("</failed>", WAIT)).contains("<item-not-found").doesNotContain(" h=");
        }
        String id;
        try (RawXmppSocket s = RawClient.bound(listeners.port(), "tybalt", "tybalt-secret-pass", "counted")) {
            id = RawClient.enableResumable(s, "");
            s.send("<iq type='get' to='localhost' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            s.readUntil("id=\"p1\"", WAIT);
        }
        try (RawXmppSocket s = RawClient.authenticated(listeners.port(), "tybalt", "tybalt-secret-pass")) {
            // One stanza (the pong) was sent, so 'h' = 2 cannot be right; the failure tells the server's count.
            s.send("<resume xmlns='" + SM + "' previd='" + id + "' h='2'/>");
            assertThat(s.readUntil("</failed>", WAIT)).contains("h=\"1\"").contains("<item-not-found");
            s.clear();
            s.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            String resumed = s.readUntil("id=\"p1\"", WAIT);
            assertThat(resumed).contains("<resumed").contains("h=\"1\"");
            assertThat(resumed.indexOf("<resumed")).isLessThan(resumed.indexOf("id=\"p1\""));
        }
    }

    @Test
    void resumingWhileTheOldStreamIsOpenClosesItWithConflict() throws Exception {
        try (RawXmppSocket old = RawClient.bound(listeners.port(), "tybalt", "tybalt-secret-pass", "twin");
                RawXmppSocket fresh = RawClient.authenticated(listeners.port(), "tybalt", "tybalt-secret-pass")) {
            String id = RawClient.enableResumable(old, "");
            fresh.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            assertThat(fresh.readUntil("<resumed", WAIT)).contains("<resumed");
            assertThat(old.readUntil("</stream:error>", WAIT)).contains("<conflict");
            assertThat(old.awaitClose(WAIT)).isTrue();
            fresh.send("<iq type='get' to='localhost' id='p9'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(fresh.readUntil("id=\"p9\"", WAIT)).contains("type=\"result\"");
        }
    }

    @Test
    void whenTheResumeWindowPassesUnackedMessagesAreReroutedNotDropped() throws Exception {
        XMPPTCPConnection desk = smack("mercutio", "desk", false);
        XMPPTCPConnection benvolio = smack("benvolio", "window", false);
        try {
            List<Message> atDesk = new CopyOnWriteArrayList<>();
            desk.addAsyncStanzaListener(s -> atDesk.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
            List<String> bounced = new CopyOnWriteArrayList<>();
            benvolio.addAsyncStanzaListener(s -> bounced.add(s.getStanzaId()),
                    s -> s instanceof Message m && m.getType() == Message.Type.error);
            desk.sendStanza(desk.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());

            RawXmppSocket phone = RawClient.bound(listeners.port(), "mercutio", "mercutio-secret-pass", "expiring");
            RawClient.enableResumable(phone, " max='1'");
            Message read = chatMessage(benvolio, "mercutio@localhost/expiring", "read but never acknowledged");
            benvolio.sendStanza(read);
            assertThat(phone.readUntil("never acknowledged", WAIT)).contains("never acknowledged");
            phone.close();
            Thread.sleep(200);
            Message gap = chatMessage(benvolio, "mercutio@localhost/expiring", "sent into the gap");
            benvolio.sendStanza(gap);

            // Another available resource gets them (with a delay stamp); with none, offline storage or,
            // failing that, an error to the sender: never silence.
            RawClient.await(() -> List.of(read, gap).stream().allMatch(m -> bounced.contains(m.getStanzaId())
                    || atDesk.stream().anyMatch(d -> d.getBody().equals(m.getBody()))));
            Thread.sleep(500);
            assertThat(atDesk).allSatisfy(m -> {
                assertThat(m.getFrom().toString()).isEqualTo("benvolio@localhost/window");
                assertThat(DelayInformation.from(m)).isNotNull();
            });
            assertThat(atDesk.size() + bounced.size()).as("each exactly once").isEqualTo(2);
        } finally {
            desk.disconnect();
            benvolio.disconnect();
        }
    }

    private static Message chatMessage(XMPPTCPConnection from, String to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                .setBody(body).build();
    }
}
