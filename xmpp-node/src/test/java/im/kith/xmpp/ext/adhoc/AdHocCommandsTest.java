package im.kith.xmpp.ext.adhoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.form.Form;
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

/** XEP-0050 with the XEP-0133 administration commands, over real sockets. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdHocCommandsTest {
    private static final String DOMAIN = "localhost";
    private static final String ADMIN_NS = "http://jabber.org/protocol/admin#";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        if (accounts.find("ahboss").isEmpty()) {
            accounts.create("ahboss", "ahboss-pass-phrase", Role.ADMIN);
        }
        for (String user : new String[] {"ahmember", "ahlistener", "ahdisabled"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", "adhoc");
    }

    private RawXmppSocket raw(String user, String resource) throws Exception {
        return RawXmppSocket.login(listeners.port(), DOMAIN, user, user + "-pass-phrase", resource);
    }

    private static String exchange(RawXmppSocket raw, String iq) throws Exception {
        return raw.exchange(iq, "</iq>");
    }

    private static String execute(String id, String command) {
        return "<iq type='set' to='localhost' id='" + id + "'><command xmlns='http://jabber.org/protocol/commands'"
                + " node='" + ADMIN_NS + command + "' action='execute'/></iq>";
    }

    private static String sessionId(String reply) {
        Matcher m = Pattern.compile("sessionid=\"([^\"]+)\"").matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return m.group(1);
    }

    @Test
    void adminAddsAUserWhoCanThenLogIn() throws Exception {
        XMPPTCPConnection admin = login("ahboss");
        try {
            AdHocCommandManager manager = AdHocCommandManager.getAddHocCommandsManager(admin);
            DiscoverItems items = manager.discoverCommands(JidCreate.from(DOMAIN));
            assertThat(items.getItems()).extracting(DiscoverItems.Item::getNode)
                    .contains(ADMIN_NS + "add-user", ADMIN_NS + "delete-user", ADMIN_NS + "announce",
                            ADMIN_NS + "get-online-users-list");

            RemoteCommand add = manager.getRemoteCommand(JidCreate.from(DOMAIN), ADMIN_NS + "add-user");
            add.execute();
            assertThat(add.getStatus()).isEqualTo(AdHocCommand.Status.executing);
            FillableForm form = new Form(add.getForm()).getFillableForm();
            form.setAnswer("accountjid", "ahnewcomer@localhost");
            form.setAnswer("password", "newcomer-pass-phrase");
            form.setAnswer("password-verify", "newcomer-pass-phrase");
            add.complete(form);
            assertThat(add.getStatus()).isEqualTo(AdHocCommand.Status.completed);

            XMPPTCPConnection newcomer = XmppClients.login(DOMAIN, listeners.port(), "ahnewcomer",
                    "newcomer-pass-phrase", "first");
            assertThat(newcomer.isAuthenticated()).isTrue();
            newcomer.disconnect();
        } finally {
            admin.disconnect();
        }
    }

    @Test
    void nonAdminIsForbiddenAndSeesNoAdminCommands() throws Exception {
        try (RawXmppSocket member = raw("ahmember", "r")) {
            String reply = exchange(member, execute("f1", "add-user"));
            assertThat(reply).contains("type=\"error\"", "<forbidden");
            String items = exchange(member, "<iq type='get' to='localhost' id='i1'><query"
                    + " xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/></iq>");
            assertThat(items).contains("type=\"result\"").doesNotContain(ADMIN_NS);
            String info = exchange(member, "<iq type='get' to='localhost' id='i2'><query"
                    + " xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(info).contains("var=\"http://jabber.org/protocol/commands\"");
        }
    }

    @Test
    void onlineUsersAreListedAndCounted() throws Exception {
        try (RawXmppSocket admin = raw("ahboss", "list"); RawXmppSocket listener = raw("ahlistener", "r")) {
            String list = exchange(admin, execute("l1", "get-online-users-list"));
            assertThat(list).contains("status=\"completed\"", "var=\"onlineuserjids\"",
                    "<value>ahlistener@localhost</value>", "<value>ahboss@localhost</value>");
            String num = exchange(admin, execute("n1", "get-online-users-num"));
            assertThat(num).contains("status=\"completed\"", "var=\"onlineusersnum\"");
            String registered = exchange(admin, execute("r1", "get-registered-users-num"));
            assertThat(registered).contains("var=\"registeredusersnum\"");
        }
    }

    @Test
    void announcementReachesOnlineUsers() throws Exception {
        try (RawXmppSocket admin = raw("ahboss", "announce"); RawXmppSocket listener = raw("ahlistener", "hear")) {
            String first = exchange(admin, execute("a1", "announce"));
            assertThat(first).contains("status=\"executing\"", "var=\"announcement\"", "<complete/>");
            String session = sessionId(first);
            listener.clear();
            String done = exchange(admin, "<iq type='set' to='localhost' id='a2'><command"
                    + " xmlns='http://jabber.org/protocol/commands' node='" + ADMIN_NS + "announce' sessionid='"
                    + session + "' action='complete'><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>"
                    + "<field var='subject'><value>Maintenance</value></field>"
                    + "<field var='announcement'><value>The server restarts at noon.</value></field></x></command></iq>");
            assertThat(done).contains("status=\"completed\"", "<note type=\"info\">");
            String heard = listener.readUntil("</message>", WAIT);
            assertThat(heard).contains("type=\"headline\"", "from=\"localhost\"", "<subject>Maintenance</subject>",
                    "<body>The server restarts at noon.</body>");

            // The session ended with completion; reusing it is a bad-sessionid (XEP-0050 §4.6).
            String again = exchange(admin, "<iq type='set' to='localhost' id='a3'><command"
                    + " xmlns='http://jabber.org/protocol/commands' node='" + ADMIN_NS + "announce' sessionid='"
                    + session + "' action='complete'/></iq>");
            assertThat(again).contains("<bad-request", "<bad-sessionid xmlns=\"http://jabber.org/protocol/commands\"/>");
        }
    }

    @Test
    void commandsCanBeCanceledAndUnknownOnesAreNotFound() throws Exception {
        try (RawXmppSocket admin = raw("ahboss", "cancel")) {
            String first = exchange(admin, execute("c1", "delete-user"));
            String canceled = exchange(admin, "<iq type='set' to='localhost' id='c2'><command"
                    + " xmlns='http://jabber.org/protocol/commands' node='" + ADMIN_NS + "delete-user' sessionid='"
                    + sessionId(first) + "' action='cancel'/></iq>");
            assertThat(canceled).contains("status=\"canceled\"");
            assertThat(exchange(admin, execute("c3", "no-such-thing"))).contains("<item-not-found");
            assertThat(exchange(admin, "<iq type='set' to='localhost' id='c4'><command"
                    + " xmlns='http://jabber.org/protocol/commands' node='" + ADMIN_NS + "announce' action='jump'/></iq>"))
                    .contains("<malformed-action");
        }
    }

    @Test
    void disabledUserCannotLogInUntilReenabled() throws Exception {
        try (RawXmppSocket admin = raw("ahboss", "disable")) {
            String form = "<x xmlns='jabber:x:data' type='submit'><field var='accountjids'>"
                    + "<value>ahdisabled@localhost</value></field></x>";
            String disabled = exchange(admin, "<iq type='set' to='localhost' id='d1'><command"
                    + " xmlns='http://jabber.org/protocol/commands' node='" + ADMIN_NS + "disable-user'>" + form
                    + "</command></iq>");
            assertThat(disabled).contains("status=\"completed\"");
            assertThat(accounts.find("ahdisabled").orElseThrow().disabled()).isTrue();
            String enabled = exchange(admin, "<iq type='set' to='localhost' id='d2'><command"
                    + " xmlns='http://jabber.org/protocol/commands' node='" + ADMIN_NS + "reenable-user'>" + form
                    + "</command></iq>");
            assertThat(enabled).contains("status=\"completed\"");
            XMPPTCPConnection back = login("ahdisabled");
            assertThat(back.isAuthenticated()).isTrue();
            back.disconnect();
        }
    }
}
