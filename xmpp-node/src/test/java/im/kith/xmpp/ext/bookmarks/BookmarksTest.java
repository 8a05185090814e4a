package im.kith.xmpp.ext.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.pep.PepTestClient;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0402 bookmarks, their XEP-0048 view through XEP-0049 private storage, and private storage itself. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookmarksTest {
    private static final String OPTIONS = "<publish-options><x xmlns='jabber:x:data' type='submit'>"
            + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
            + "<field var='pubsub#persist_items'><value>true</value></field>"
            + "<field var='pubsub#max_items'><value>max</value></field>"
            + "<field var='pubsub#send_last_published_item'><value>never</value></field>"
            + "<field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options>";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    BookmarkService bookmarks;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"bmromeo", "bmjuliet", "bmnurse", "bmcircle"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private PepTestClient login(String user, String resource) throws Exception {
        return PepTestClient.login(listeners.port(), user, resource);
    }

    private static String privateGet(String id, String child) {
        return "<iq type='get' id='" + id + "'><query xmlns='jabber:iq:private'>" + child + "</query></iq>";
    }

    private static String privateSet(String id, String child) {
        return "<iq type='set' id='" + id + "'><query xmlns='jabber:iq:private'>" + child + "</query></iq>";
    }

    @Test
    void bookmarkPublishedPerXep0402IsReadAsXep0048Storage() throws Exception {
        try (PepTestClient romeo = login("bmromeo", "orchard")) {
            assertThat(romeo.iq("d1", "<iq type='get' id='d1' to='bmromeo@localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"))
                    .contains("urn:xmpp:bookmarks:1#compat").contains("jabber:iq:private");
            assertThat(romeo.iq("b1", "<iq type='set' id='b1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<publish node='urn:xmpp:bookmarks:1'><item id='theplay@conference.shakespeare.lit'>"
                    + "<conference xmlns='urn:xmpp:bookmarks:1' name='The Play&apos;s the Thing' autojoin='true'>"
                    + "<nick>JC</nick></conference></item></publish>" + OPTIONS + "</pubsub></iq>")).contains("type=\"result\"");
            String legacy = romeo.iq("b2", privateGet("b2", "<storage xmlns='storage:bookmarks'/>"));
            assertThat(legacy).contains("type=\"result\"").contains("<storage xmlns=\"storage:bookmarks\"")
                    .contains("jid=\"theplay@conference.shakespeare.lit\"").contains("autojoin=\"true\"")
                    .contains("name=\"The Play&apos;s the Thing\"").contains("<nick>JC</nick>");
            // XEP-0402 §3: the node is the owner's alone (whitelist: not-allowed, XEP-0060 §6.5.9.8).
            try (PepTestClient juliet = login("bmjuliet", "peek")) {
                assertThat(juliet.iq("b3", "<iq type='get' id='b3' to='bmromeo@localhost'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                        + "<items node='urn:xmpp:bookmarks:1'/></pubsub></iq>")).contains("<not-allowed").contains("<closed-node");
                assertThat(juliet.iq("b4", privateGet("b4", "<storage xmlns='storage:bookmarks'/>").replace("id='b4'",
                        "id='b4' to='bmromeo@localhost'"))).contains("<forbidden");
            }
        }
    }

    @Test
    void xep0048StorageWriteUpdatesThePepNodeAndNotifiesOtherResources() throws Exception {
        try (PepTestClient juliet = login("bmjuliet", "balcony"); PepTestClient tablet = login("bmjuliet", "tablet")) {
            tablet.send("<presence/>");
            tablet.await("presence", "from=\"bmjuliet@localhost/tablet\"");
            String two = "<storage xmlns='storage:bookmarks'>"
                    + "<conference name='Council' autojoin='true' jid='council@conference.verona.lit'><nick>J</nick></conference>"
                    + "<conference name='Ball' autojoin='false' jid='ball@conference.verona.lit'/></storage>";
            assertThat(juliet.iq("l1", privateSet("l1", two))).contains("type=\"result\"");
            String first = tablet.await("message", "from=\"bmjuliet@localhost\"");
            assertThat(first).contains("node=\"urn:xmpp:bookmarks:1\"").contains("<conference xmlns=\"urn:xmpp:bookmarks:1\"");
            String items = juliet.iq("l2", "<iq type='get' id='l2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<items node='urn:xmpp:bookmarks:1'/></pubsub></iq>");
            assertThat(items).contains("<item id=\"council@conference.verona.lit\"").contains("<item id=\"ball@conference.verona.lit\"")
                    .contains("autojoin=\"true\"").contains("<nick>J</nick>");
            String config = juliet.iq("l3", "<iq type='get' id='l3'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='urn:xmpp:bookmarks:1'/></pubsub></iq>");
            assertThat(config).contains("<value>whitelist</value>").contains("<value>never</value>");

            assertThat(juliet.iq("l4", privateSet("l4", "<storage xmlns='storage:bookmarks'>"
                    + "<conference name='Council' autojoin='true' jid='council@conference.verona.lit'><nick>J</nick></conference>"
                    + "</storage>"))).contains("type=\"result\"");
            assertThat(tablet.receives("<retract id=\"ball@conference.verona.lit\"", Duration.ofSeconds(2))).isTrue();
            assertThat(juliet.iq("l5", privateGet("l5", "<storage xmlns='storage:bookmarks'/>")))
                    .contains("council@conference.verona.lit").doesNotContain("ball@conference.verona.lit");
        }
    }

    @Test
    void otherNamespacesAreStoredAsTheyAreAndReservedOnesRefused() throws Exception {
        try (PepTestClient nurse = login("bmnurse", "kitchen")) {
            assertThat(nurse.iq("p1", privateGet("p1", "<prefs xmlns='urn:example:prefs'/>")))
                    .contains("type=\"result\"").contains("<prefs xmlns=\"urn:example:prefs\"");
            assertThat(nurse.iq("p2", privateSet("p2", "<prefs xmlns='urn:example:prefs'><theme>dark</theme></prefs>")))
                    .contains("type=\"result\"");
            assertThat(nurse.iq("p3", privateGet("p3", "<prefs xmlns='urn:example:prefs'/>"))).contains("<theme>dark</theme>");
            assertThat(nurse.iq("p4", privateSet("p4", "<x xmlns='jabber:client'/>"))).contains("<not-acceptable");
            assertThat(nurse.iq("p5", privateSet("p5", "<a xmlns='a'/><b xmlns='b'/>"))).contains("<bad-request");
        }
    }

    @Test
    void otherModulesAddAndRemoveBookmarksWithAutojoin() throws Exception {
        Jid room = Jid.parse("circle-friends@groups.localhost");
        bookmarks.addConference("bmcircle", room, "Friends", true).toCompletableFuture().get(5, TimeUnit.SECONDS);
        try (PepTestClient circle = login("bmcircle", "app")) {
            assertThat(circle.iq("c1", privateGet("c1", "<storage xmlns='storage:bookmarks'/>")))
                    .contains("jid=\"circle-friends@groups.localhost\"").contains("autojoin=\"true\"").contains("name=\"Friends\"");
            bookmarks.removeConference("bmcircle", room).toCompletableFuture().get(5, TimeUnit.SECONDS);
            bookmarks.removeConference("bmcircle", room).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(circle.iq("c2", privateGet("c2", "<storage xmlns='storage:bookmarks'/>"))).doesNotContain("circle-friends");
        }
    }
}
