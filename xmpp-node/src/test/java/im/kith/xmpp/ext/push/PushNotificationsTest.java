package im.kith.xmpp.ext.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.SessionRegistry;
import im.kith.xmpp.transport.C2sListeners;

/**
 * XEP-0357 over real sockets. A local account's full JID plays the app server: it receives the publish
 * IQ and answers it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushNotificationsTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String APP = "pushapp@localhost/app";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    DataSource dataSource;

    @Inject
    SessionRegistry sessions;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"pushuser", "pushapp", "pushsender", "pusherror"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private RawXmppSocket raw(String user, String resource) throws Exception {
        return RawXmppSocket.login(listeners.port(), DOMAIN, user, user + "-pass-phrase", resource);
    }

    private static String exchange(RawXmppSocket raw, String iq) throws Exception {
        return raw.exchange(iq, "</iq>");
    }

    private void enable(String user, String node) throws Exception {
        try (RawXmppSocket phone = raw(user, "phone")) {
            String reply = exchange(phone, "<iq type='set' id='x42'><enable xmlns='urn:xmpp:push:0' jid='" + APP
                    + "' node='" + node + "'><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
                    + "<field var='secret'><value>eruio234vzxc2kla-91</value></field></x></enable></iq>");
            assertThat(reply).contains("type=\"result\"");
        }
        awaitOffline(Jid.of(user, DOMAIN, "phone"));
    }

    private void awaitOffline(Jid device) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sessions.session(device) != null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sessions.session(device)).isNull();
    }

    private void send(String to, String body) throws Exception {
        try (RawXmppSocket sender = raw("pushsender", "s")) {
            sender.send("<message to='" + to + "' type='chat' id='m1'><body>" + body + "</body></message>");
            sender.send("<iq type='get' id='sync'><ping xmlns='urn:xmpp:ping'/></iq>");
            sender.readUntil("</iq>", WAIT);
        }
    }

    private static String id(String iq) {
        Matcher m = Pattern.compile("id=\"([^\"]+)\"").matcher(iq);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private int registrations(String owner) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM push_registrations WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void messageToAnOfflineDevicePublishesASummaryWithoutTheBodyUntilDisabled() throws Exception {
        try (RawXmppSocket app = raw("pushapp", "app")) {
            String info = exchange(app, "<iq type='get' id='d' to='pushuser@localhost'><query"
                    + " xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(info).contains("var=\"urn:xmpp:push:0\"");

            enable("pushuser", "yxs32uqsflafdk3iuqo");
            app.clear();
            send("pushuser@localhost", "meet me at the secret place");
            String publish = app.readUntil("</iq>", WAIT);
            assertThat(publish).contains("type=\"set\"", "from=\"pushuser@localhost\"",
                    "<pubsub xmlns=\"http://jabber.org/protocol/pubsub\">", "<publish node=\"yxs32uqsflafdk3iuqo\">",
                    "<notification xmlns=\"urn:xmpp:push:0\">", "<value>urn:xmpp:push:summary</value>",
                    "<field var=\"message-count\"><value>1</value></field>", "<publish-options>",
                    "<field var=\"secret\"><value>eruio234vzxc2kla-91</value></field>");
            assertThat(publish).doesNotContain("secret place").doesNotContain("last-message-sender")
                    .doesNotContain("pushsender");
            app.clear();
            app.send("<iq type='result' to='pushuser@localhost' id='" + id(publish) + "'/>");

            try (RawXmppSocket phone = raw("pushuser", "phone")) {
                assertThat(exchange(phone, "<iq type='set' id='x43'><disable xmlns='urn:xmpp:push:0' jid='" + APP
                        + "' node='yxs32uqsflafdk3iuqo'/></iq>")).contains("type=\"result\"");
            }
            assertThat(registrations("pushuser")).isZero();
            app.clear();
            send("pushuser@localhost", "are you there?");
            assertThat(app.readUntil("</iq>", Duration.ofSeconds(2))).doesNotContain("<pubsub");
        }
    }

    @Test
    void anErrorFromTheAppServerDisablesTheRegistration() throws Exception {
        try (RawXmppSocket app = raw("pushapp", "app")) {
            enable("pusherror", "gone-device");
            assertThat(registrations("pusherror")).isOne();
            app.clear();
            send("pusherror@localhost", "hello");
            String publish = app.readUntil("</iq>", WAIT);
            assertThat(publish).contains("<publish node=\"gone-device\">");
            app.send("<iq type='error' to='pusherror@localhost' id='" + id(publish) + "'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (registrations("pusherror") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(registrations("pusherror")).isZero();
        }
    }

    @Test
    void enableWithoutNodeIsABadRequest() throws Exception {
        try (RawXmppSocket phone = raw("pushuser", "bad")) {
            assertThat(exchange(phone, "<iq type='set' id='x1'><enable xmlns='urn:xmpp:push:0' jid='" + APP
                    + "'/></iq>")).contains("type=\"error\"", "<bad-request");
            assertThat(exchange(phone, "<iq type='set' id='x2'><enable xmlns='urn:xmpp:push:0' jid='" + APP
                    + "' node='n'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:other"
                    + "</value></field></x></enable></iq>")).contains("type=\"error\"", "<bad-request");
        }
    }
}
