package im.kith.xmpp.ext.pep;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0163 PEP with XEP-0223 publish-options, driven with the XML of the XEPs' examples. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PepTest {
    private static final String OMEMO_DEVICES = "urn:xmpp:omemo:2:devices";
    private static final String OMEMO_BUNDLES = "urn:xmpp:omemo:2:bundles";
    private static final String AVATAR_DATA = "urn:xmpp:avatar:data";
    private static final String AVATAR_METADATA = "urn:xmpp:avatar:metadata";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    DataSource dataSource;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"pepalice", "pepbob", "pepcarol", "pepdave", "pepeve", "pepfrank", "pepgina", "pephank"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private PepTestClient login(String user, String resource) throws Exception {
        return PepTestClient.login(listeners.port(), user, resource);
    }

    private static String publishOptions(String... fieldValues) {
        StringBuilder s = new StringBuilder("<publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>");
        for (int i = 0; i < fieldValues.length; i += 2) {
            s.append("<field var='").append(fieldValues[i]).append("'><value>").append(fieldValues[i + 1]).append("</value></field>");
        }
        return s.append("</x></publish-options>").toString();
    }

    private static String publish(String id, String node, String itemId, String payload, String options) {
        return "<iq type='set' id='" + id + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + node + "'>"
                + "<item" + (itemId == null ? "" : " id='" + itemId + "'") + ">" + payload + "</item></publish>"
                + (options == null ? "" : options) + "</pubsub></iq>";
    }

    private static String items(String id, String owner, String node, String inner) {
        return "<iq type='get' id='" + id + "'" + (owner == null ? "" : " to='" + owner + "@localhost'")
                + "><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='" + node + "'"
                + (inner == null ? "/>" : ">" + inner + "</items>") + "</pubsub></iq>";
    }

    private static String deviceList(int... ids) {
        StringBuilder s = new StringBuilder("<devices xmlns='urn:xmpp:omemo:2'>");
        for (int id : ids) {
            s.append("<device id='").append(id).append("' label='phone'/>");
        }
        return s.append("</devices>").toString();
    }

    @Test
    void omemoDeviceListAndBundleAreReadableByAnotherUserAndNotifiedToTheOwnersOtherResource() throws Exception {
        try (PepTestClient alice = login("pepalice", "phone"); PepTestClient laptop = login("pepalice", "laptop");
                PepTestClient bob = login("pepbob", "desk")) {
            laptop.send("<presence/>");
            laptop.await("presence", "from=\"pepalice@localhost/laptop\"");
            assertThat(alice.iq("d1", "<iq type='get' id='d1' to='pepalice@localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"))
                    .contains("category=\"pubsub\"").contains("type=\"pep\"")
                    .contains("http://jabber.org/protocol/pubsub#publish-options")
                    .contains("http://jabber.org/protocol/pubsub#auto-create")
                    .contains("http://jabber.org/protocol/pubsub#access-presence");

            String open = publishOptions("pubsub#access_model", "open");
            String published = alice.iq("p1", publish("p1", OMEMO_DEVICES, "current", deviceList(1001, 1002), open));
            assertThat(published).contains("type=\"result\"").contains("<item id=\"current\"");
            String bundle = "<bundle xmlns='urn:xmpp:omemo:2'><spk id='0'>c3BrMA==</spk><spks>c3BrczA=</spks>"
                    + "<ik>aWsw</ik><prekeys><pk id='0'>cGsw</pk><pk id='1'>cGsx</pk></prekeys></bundle>";
            assertThat(alice.iq("p2", publish("p2", OMEMO_BUNDLES, "1001", bundle,
                    publishOptions("pubsub#access_model", "open", "pubsub#max_items", "max")))).contains("type=\"result\"");

            String event = laptop.await("message", "from=\"pepalice@localhost\"");
            assertThat(event).contains("type=\"headline\"").contains("http://jabber.org/protocol/pubsub#event")
                    .contains("node=\"" + OMEMO_DEVICES + "\"").contains("<item id=\"current\"").contains("id=\"1002\"");

            String devices = bob.iq("g1", items("g1", "pepalice", OMEMO_DEVICES, null));
            assertThat(devices).contains("type=\"result\"").contains("<item id=\"current\"").contains("id=\"1001\"");
            String bundles = bob.iq("g2", items("g2", "pepalice", OMEMO_BUNDLES, "<item id='1001'/>"));
            assertThat(bundles).contains("type=\"result\"").contains("<ik>aWsw</ik>").contains("<pk id=\"1\">cGsx</pk>");

            // XEP-0060 §7.1.5: the node is open; asking for presence access is a failed precondition.
            String mismatch = alice.iq("p3", publish("p3", OMEMO_DEVICES, "current", deviceList(1001),
                    publishOptions("pubsub#access_model", "presence")));
            assertThat(mismatch).contains("type=\"error\"").contains("<conflict")
                    .contains("<precondition-not-met xmlns=\"http://jabber.org/protocol/pubsub#errors\"");
            assertThat(bob.iq("g3", items("g3", "pepalice", OMEMO_DEVICES, null))).contains("id=\"1002\"");
            // Nobody but the owner publishes.
            assertThat(bob.iq("p4", publish("p4", OMEMO_DEVICES, "current", deviceList(6), null).replace("id='p4'",
                    "id='p4' to='pepalice@localhost'"))).contains("<forbidden");
        }
    }

    @Test
    void whitelistAndPresenceNodesAreClosedToOthersAndMissingNodesAreNotFound() throws Exception {
        try (PepTestClient carol = login("pepcarol", "home"); PepTestClient bob = login("pepbob", "snoop")) {
            carol.iq("w1", publish("w1", "secret:notes", "n1", "<note xmlns='secret:notes'>x</note>",
                    publishOptions("pubsub#access_model", "whitelist")));
            // XEP-0060 §6.5.9.8: not on the whitelist is not-allowed with <closed-node/>.
            assertThat(bob.iq("w2", items("w2", "pepcarol", "secret:notes", null))).contains("type=\"error\"")
                    .contains("<not-allowed").contains("<closed-node");
            assertThat(carol.iq("w3", items("w3", null, "secret:notes", null))).contains("type=\"result\"")
                    .contains("<note xmlns=\"secret:notes\">x</note>");
            carol.iq("w4", publish("w4", "http://jabber.org/protocol/nick", null,
                    "<nick xmlns='http://jabber.org/protocol/nick'>Carol</nick>", null));
            assertThat(bob.iq("w5", items("w5", "pepcarol", "http://jabber.org/protocol/nick", null)))
                    .contains("<not-authorized").contains("<presence-subscription-required");
            assertThat(bob.iq("w6", items("w6", "pepcarol", "no:such:node", null))).contains("<item-not-found");
            assertThat(carol.iq("w7", publish("w7", "bad", "x", "<a xmlns='a'/><b xmlns='b'/>", null)))
                    .contains("<bad-request").contains("<invalid-payload");
            assertThat(carol.iq("w8", "<iq type='set' id='w8'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<subscribe node='x' jid='pepcarol@localhost'/></pubsub></iq>")).contains("<feature-not-implemented")
                    .contains("feature=\"subscribe\"");
        }
    }

    @Test
    void avatarDataAndMetadataArePublishedAndFetchedById() throws Exception {
        try (PepTestClient dave = login("pepdave", "cam"); PepTestClient bob = login("pepbob", "viewer")) {
            String sha1 = "111f4b3c50d7b0df729d299bc6f8e9ef9066971f";
            String open = publishOptions("pubsub#access_model", "open");
            assertThat(dave.iq("a1", publish("a1", AVATAR_DATA, sha1, "<data xmlns='urn:xmpp:avatar:data'>iVBORw0KGgo=</data>",
                    open))).contains("type=\"result\"");
            assertThat(dave.iq("a2", publish("a2", AVATAR_METADATA, sha1, "<metadata xmlns='urn:xmpp:avatar:metadata'>"
                    + "<info bytes='8' id='" + sha1 + "' height='64' type='image/png' width='64'/></metadata>", open)))
                    .contains("type=\"result\"");
            String meta = bob.iq("a3", items("a3", "pepdave", AVATAR_METADATA, null).replace("<items ", "<items max_items='1' "));
            assertThat(meta).contains("<item id=\"" + sha1 + "\"").contains("type=\"image/png\"");
            String data = bob.iq("a4", items("a4", "pepdave", AVATAR_DATA, "<item id='" + sha1 + "'/>"));
            assertThat(data).contains("iVBORw0KGgo=");
        }
    }

    @Test
    void maxItemsKeepsTheNewestAndTheOwnerReconfiguresTheNode() throws Exception {
        try (PepTestClient eve = login("pepeve", "desk")) {
            String two = publishOptions("pubsub#max_items", "2");
            for (int i = 1; i <= 3; i++) {
                eve.iq("m" + i, publish("m" + i, "urn:example:log", "e" + i, "<entry xmlns='urn:example:log'>" + i + "</entry>", two));
            }
            String kept = eve.iq("m4", items("m4", null, "urn:example:log", null));
            assertThat(kept).contains("id=\"e2\"").contains("id=\"e3\"").doesNotContain("id=\"e1\"");
            assertThat(eve.iq("m5", items("m5", null, "urn:example:log", null).replace("<items ", "<items max_items='1' ")))
                    .contains("id=\"e3\"").doesNotContain("id=\"e2\"");

            String form = eve.iq("c1", "<iq type='get' id='c1'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='urn:example:log'/></pubsub></iq>");
            assertThat(form).contains("var=\"pubsub#max_items\"").contains("<value>2</value>").contains("<value>presence</value>");
            assertThat(eve.iq("c2", configure("c2", "urn:example:log", "pubsub#max_items", "1"))).contains("type=\"result\"");
            assertThat(eve.iq("m6", items("m6", null, "urn:example:log", null))).contains("id=\"e3\"").doesNotContain("id=\"e2\"");
            assertThat(eve.iq("c3", configure("c3", "urn:example:log", "pubsub#max_items", "100000000")))
                    .contains("<not-acceptable");
            assertThat(eve.iq("c4", configure("c4", "urn:example:log", "pubsub#access_model", "roster")))
                    .contains("<not-acceptable");
        }
    }

    private static String configure(String id, String node, String var, String value) {
        return "<iq type='set' id='" + id + "'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='"
                + node + "'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                + "<value>http://jabber.org/protocol/pubsub#node_config</value></field><field var='" + var + "'><value>"
                + value + "</value></field></x></configure></pubsub></iq>";
    }

    @Test
    void retractAndNodeDeletionAreNotifiedAndTheNodeIsGone() throws Exception {
        try (PepTestClient eve = login("pepeve", "main"); PepTestClient other = login("pepeve", "other")) {
            other.send("<presence/>");
            other.await("presence", "from=\"pepeve@localhost/other\"");
            eve.iq("r1", publish("r1", "urn:example:tune", "t1", "<tune xmlns='urn:example:tune'>a</tune>", null));
            other.await("message", "from=\"pepeve@localhost\"");
            assertThat(eve.iq("r2", "<iq type='set' id='r2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<retract node='urn:example:tune' notify='true'><item id='t1'/></retract></pubsub></iq>"))
                    .contains("type=\"result\"");
            assertThat(other.await("message", "from=\"pepeve@localhost\"")).contains("<retract id=\"t1\"");
            assertThat(eve.iq("r3", "<iq type='set' id='r3'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<retract node='urn:example:tune'><item id='t1'/></retract></pubsub></iq>")).contains("<item-not-found");
            assertThat(eve.iq("r4", "<iq type='set' id='r4'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<delete node='urn:example:tune'/></pubsub></iq>")).contains("type=\"result\"");
            assertThat(other.await("message", "from=\"pepeve@localhost\"")).contains("<delete node=\"urn:example:tune\"");
            assertThat(eve.iq("r5", items("r5", null, "urn:example:tune", null))).contains("<item-not-found");
        }
    }

    @Test
    void accountStorageIsLimitedAcrossItems() throws Exception {
        try (PepTestClient frank = login("pepfrank", "big")) {
            String chunk = "A".repeat(200_000);
            String max = publishOptions("pubsub#max_items", "max");
            for (int i = 1; i <= 5; i++) {
                assertThat(frank.iq("s" + i, publish("s" + i, "urn:example:blob", "b" + i,
                        "<blob xmlns='urn:example:blob'>" + chunk + "</blob>", max))).contains("type=\"result\"");
            }
            assertThat(frank.iq("s6", publish("s6", "urn:example:blob", "b6", "<blob xmlns='urn:example:blob'>" + chunk + "</blob>",
                    max))).contains("type=\"error\"").contains("<policy-violation");
            // Replacing an item frees its own bytes first.
            assertThat(frank.iq("s7", publish("s7", "urn:example:blob", "b5", "<blob xmlns='urn:example:blob'>" + chunk + "</blob>",
                    max))).contains("type=\"result\"");
        }
    }

    @Test
    void removingAnAccountDeletesItsPepData() throws Exception {
        accounts.create("pepgone", "pepgone-pass-phrase", Role.USER);
        try (PepTestClient gone = login("pepgone", "last")) {
            assertThat(gone.iq("x1", publish("x1", "http://jabber.org/protocol/nick", null,
                    "<nick xmlns='http://jabber.org/protocol/nick'>Gone</nick>", null))).contains("type=\"result\"");
            assertThat(gone.iq("x2", "<iq type='set' id='x2'><query xmlns='jabber:iq:private'>"
                    + "<prefs xmlns='urn:example:prefs'/></query></iq>")).contains("type=\"result\"");
        }
        assertThat(count("pep_items", "pepgone")).isEqualTo(1);
        assertThat(count("private_xml", "pepgone")).isEqualTo(1);
        accounts.delete("pepgone");
        assertThat(count("pep_items", "pepgone")).isZero();
        assertThat(count("pep_nodes", "pepgone")).isZero();
        assertThat(count("private_xml", "pepgone")).isZero();
    }

    private long count(String table, String owner) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String attribute(String element, String name) {
        int at = element.indexOf(" " + name + "=\"") + name.length() + 3;
        return element.substring(at, element.indexOf('"', at));
    }

    @Test
    void contactWhoseCapsWantTheNodeGetsTheLastItemOnPresenceAndLaterNotifications() throws Exception {
        try (PepTestClient gina = login("pepgina", "home"); PepTestClient hank = login("pephank", "phone")) {
            gina.send("<presence/>");
            gina.await("presence", "from=\"pepgina@localhost/home\"");
            hank.send("<presence/>");
            hank.await("presence", "from=\"pephank@localhost/phone\"");
            gina.send("<presence to='pephank@localhost' type='subscribe'/>");
            hank.await("presence", "type=\"subscribe\"");
            hank.send("<presence to='pepgina@localhost' type='subscribed'/><presence to='pepgina@localhost' type='subscribe'/>");
            gina.await("presence", "type=\"subscribe\"");
            gina.send("<presence to='pephank@localhost' type='subscribed'/>");
            hank.await("presence", "type=\"subscribed\"");

            String nick = "http://jabber.org/protocol/nick";
            assertThat(gina.iq("n1", publish("n1", nick, "current", "<nick xmlns='" + nick + "'>Gina</nick>", null)))
                    .contains("type=\"result\"");
            // XEP-0115: the server learns what the new caps mean by asking the resource.
            hank.send("<presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://client.example'"
                    + " ver='pepTestVer1='/></presence>");
            String query = hank.await("iq", "type=\"get\"");
            assertThat(query).contains("node=\"https://client.example#pepTestVer1=\"");
            hank.send("<iq type='result' id='" + attribute(query, "id") + "' to='" + attribute(query, "from") + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info' node='https://client.example#pepTestVer1='>"
                    + "<identity category='client' type='phone'/><feature var='" + nick + "+notify'/></query></iq>");
            String last = hank.await("message", "from=\"pepgina@localhost\"");
            assertThat(last).contains("<nick xmlns=\"" + nick + "\">Gina</nick>").contains("urn:xmpp:delay");

            gina.iq("n2", publish("n2", nick, "current", "<nick xmlns='" + nick + "'>Gina G.</nick>", null));
            assertThat(hank.await("message", "from=\"pepgina@localhost\"")).contains("Gina G.");
            // Not wanted: no notification for other nodes.
            gina.iq("n3", publish("n3", "urn:example:mood", "m", "<mood xmlns='urn:example:mood'/>", null));
            assertThat(hank.receives("urn:example:mood", SHORT)).isFalse();
            // A subscriber reads presence-access nodes.
            assertThat(hank.iq("n4", items("n4", "pepgina", nick, null))).contains("Gina G.");
        }
    }

    static final Duration SHORT = Duration.ofMillis(800);
}
