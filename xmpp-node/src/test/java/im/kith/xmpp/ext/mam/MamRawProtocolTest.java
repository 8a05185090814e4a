package im.kith.xmpp.ext.mam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import im.kith.xmpp.transport.C2sListeners;

/**
 * XEP-0313 cases Smack cannot express, in raw XML: forged stanza-ids, preferences, the #extended
 * fields and metadata, and the error conditions.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MamRawProtocolTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String FORM = "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
            + "<value>urn:xmpp:mam:2</value></field>";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"rawmercutio", "rawtybalt", "rawprivate", "rawempty"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private RawXmppSocket session(String user, String resource) throws Exception {
        return RawXmppSocket.login(listeners.port(), DOMAIN, user, user + "-pass-phrase", resource);
    }

    /** Sends an IQ and returns everything received up to and including its answer. */
    private static String iq(RawXmppSocket s, String id, String xml) throws Exception {
        s.clear();
        s.send(xml);
        String marker = "id=\"" + id + "\"";
        String text = s.readUntil(marker, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (text.contains(marker) && !answerComplete(text, text.lastIndexOf("<iq", text.indexOf(marker)))
                && System.nanoTime() < deadline) {
            text = s.readUntil("\u0000never", Duration.ofMillis(50));
        }
        return text;
    }

    private static boolean answerComplete(String text, int iqStart) {
        String iq = text.substring(Math.max(iqStart, 0));
        int close = iq.indexOf('>');
        return close > 0 && (iq.charAt(close - 1) == '/' || iq.contains("</iq>"));
    }

    private static String between(String text, String open, String close) {
        Matcher m = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close)).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void clientSuppliedStanzaIdClaimingTheArchiveIsReplaced() throws Exception {
        try (RawXmppSocket tybalt = session("rawtybalt", "street"); RawXmppSocket mercutio = session("rawmercutio", "square")) {
            tybalt.send("<message to='rawmercutio@localhost/square' type='chat' id='forged'><body>a plague</body>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' by='rawmercutio@localhost' id='forged-archive-id'/>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' by='localhost' id='forged-server-id'/>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' by='elsewhere.example' id='kept'/></message>");
            String received = mercutio.readUntil("</message>", WAIT);
            assertThat(received).contains("a plague").doesNotContain("forged-archive-id").doesNotContain("forged-server-id")
                    .contains("id=\"kept\"").contains("by=\"rawmercutio@localhost\"");
        }
    }

    @Test
    void preferencesSetToNeverKeepMessagesOutOfTheArchive() throws Exception {
        try (RawXmppSocket priv = session("rawprivate", "desk"); RawXmppSocket tybalt = session("rawtybalt", "prefs")) {
            String set = iq(priv, "p1", "<iq type='set' id='p1'><prefs xmlns='urn:xmpp:mam:2' default='never'>"
                    + "<always><jid>rawmercutio@localhost</jid></always><never/></prefs></iq>");
            assertThat(set).contains("type=\"result\"").contains("default=\"never\"").contains("<jid>rawmercutio@localhost</jid>");
            assertThat(iq(priv, "p2", "<iq type='get' id='p2'><prefs xmlns='urn:xmpp:mam:2'/></iq>"))
                    .contains("default=\"never\"");

            tybalt.send("<message to='rawprivate@localhost/desk' type='chat'><body>unrecorded</body></message>");
            String delivered = priv.readUntil("unrecorded", WAIT);
            assertThat(delivered).contains("unrecorded").doesNotContain("urn:xmpp:sid:0");
            String results = iq(priv, "q1", "<iq type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='n'/></iq>");
            assertThat(results).doesNotContain("unrecorded").contains("<count>0</count>").contains("complete=\"true\"");

            assertThat(iq(priv, "p3", "<iq type='set' id='p3'><prefs xmlns='urn:xmpp:mam:2' default='sometimes'/></iq>"))
                    .contains("type=\"error\"").contains("<bad-request");
        }
    }

    @Test
    void noStoreHintKeepsAMessageOutAndStoreHintBringsOneIn() throws Exception {
        try (RawXmppSocket tybalt = session("rawtybalt", "hints"); RawXmppSocket mercutio = session("rawmercutio", "hints")) {
            tybalt.send("<message to='rawmercutio@localhost/hints' type='chat'><body>secret words</body>"
                    + "<no-store xmlns='urn:xmpp:hints'/></message>");
            tybalt.send("<message to='rawmercutio@localhost/hints' type='chat'><store xmlns='urn:xmpp:hints'/>"
                    + "<thread>kept-without-body</thread></message>");
            mercutio.readUntil("kept-without-body", WAIT);
            String results = iq(mercutio, "h1", "<iq type='set' id='h1'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='with'><value>rawtybalt@localhost/hints</value></field></x></query></iq>");
            assertThat(results).doesNotContain("secret words").contains("kept-without-body");
        }
    }

    @Test
    void extendedFieldsSelectByIdAndMetadataNamesTheEnds() throws Exception {
        try (RawXmppSocket tybalt = session("rawtybalt", "ext"); RawXmppSocket mercutio = session("rawmercutio", "ext")) {
            for (String w : new String[] {"one", "two", "three"}) {
                tybalt.send("<message to='rawmercutio@localhost/ext' type='chat'><body>ext-" + w + "</body></message>");
            }
            mercutio.readUntil("ext-three", WAIT);
            String all = iq(mercutio, "x1", "<iq type='set' id='x1'><query xmlns='urn:xmpp:mam:2' queryid='all'>" + FORM
                    + "<field var='with'><value>rawtybalt@localhost/ext</value></field></x></query></iq>");
            Matcher ids = Pattern.compile("<result xmlns=\"urn:xmpp:mam:2\" queryid=\"all\" id=\"([^\"]+)\"").matcher(all);
            String[] found = new String[3];
            for (int i = 0; i < 3; i++) {
                assertThat(ids.find()).isTrue();
                found[i] = ids.group(1);
            }
            assertThat(all.indexOf("ext-one")).isLessThan(all.indexOf("ext-two"));
            assertThat(all.indexOf("<fin")).isGreaterThan(all.indexOf("ext-three"));

            String middle = iq(mercutio, "x2", "<iq type='set' id='x2'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='after-id'><value>" + found[0] + "</value></field>"
                    + "<field var='before-id'><value>" + found[2] + "</value></field></x></query></iq>");
            assertThat(middle).contains("ext-two").doesNotContain("ext-one").doesNotContain("ext-three");

            String byIds = iq(mercutio, "x3", "<iq type='set' id='x3'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='ids'><value>" + found[2] + "</value><value>" + found[0] + "</value></field></x></query></iq>");
            assertThat(byIds).contains("ext-one").contains("ext-three").doesNotContain("ext-two");

            String flipped = iq(mercutio, "x4", "<iq type='set' id='x4'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='with'><value>rawtybalt@localhost/ext</value></field></x><flip-page/></query></iq>");
            assertThat(flipped.indexOf("ext-three")).isLessThan(flipped.indexOf("ext-one"));

            String meta = iq(mercutio, "x5", "<iq type='get' id='x5'><metadata xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(meta).contains("<start id=\"").contains("<end id=\"" + found[2] + "\"");
        }
    }

    @Test
    void emptyArchiveHasEmptyMetadataAndTheFormListsTheFields() throws Exception {
        try (RawXmppSocket empty = session("rawempty", "x")) {
            assertThat(iq(empty, "m1", "<iq type='get' id='m1'><metadata xmlns='urn:xmpp:mam:2'/></iq>"))
                    .contains("<metadata xmlns=\"urn:xmpp:mam:2\"/>");
            assertThat(iq(empty, "f1", "<iq type='get' id='f1'><query xmlns='urn:xmpp:mam:2'/></iq>"))
                    .contains("var=\"with\"").contains("var=\"after-id\"").contains("var=\"ids\"").contains("<open");
        }
    }

    @Test
    void badQueriesGetPreciseErrors() throws Exception {
        try (RawXmppSocket s = session("rawmercutio", "errors")) {
            assertThat(iq(s, "e1", "<iq type='set' id='e1'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='{urn:example}free-text'><value>x</value></field></x></query></iq>"))
                    .contains("<feature-not-implemented");
            assertThat(iq(s, "e2", "<iq type='set' id='e2'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='start'><value>yesterday</value></field></x></query></iq>"))
                    .contains("<bad-request");
            assertThat(iq(s, "e3", "<iq type='set' id='e3'><query xmlns='urn:xmpp:mam:2'>" + FORM
                    + "<field var='ids'><value>unknown-id</value></field></x></query></iq>"))
                    .contains("<item-not-found");
            assertThat(iq(s, "e4", "<iq type='set' id='e4'><query xmlns='urn:xmpp:mam:2'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><before>unknown-id</before></set></query></iq>"))
                    .contains("<item-not-found");
            assertThat(iq(s, "e5", "<iq type='set' id='e5'><query xmlns='urn:xmpp:mam:2'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>-3</max></set></query></iq>"))
                    .contains("<bad-request");
            assertThat(iq(s, "e6", "<iq type='set' id='e6'><query xmlns='urn:xmpp:mam:2'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><index>3</index></set></query></iq>"))
                    .contains("<feature-not-implemented");
            assertThat(iq(s, "e7", "<iq type='set' id='e7' to='rawtybalt@localhost'><query xmlns='urn:xmpp:mam:2'/></iq>"))
                    .contains("<forbidden");
            assertThat(between(iq(s, "e8", "<iq type='set' id='e8'><query xmlns='urn:xmpp:mam:2'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:xmpp:mam:1</value></field>"
                    + "</x></query></iq>"), "<error", "</error>")).contains("<bad-request");
        }
    }
}
