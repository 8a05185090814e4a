package im.kith.xmpp.ext.muc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
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

/** XEP-0045 and its companions in raw XML, after the examples of the specifications. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MucRawProtocolTest {
    private static final String DOMAIN = "localhost";
    private static final String SERVICE = "groups.localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    private final List<RawXmppSocket> open = new ArrayList<>();

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"rawcrone", "rawwiccan", "rawhecate"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        for (RawXmppSocket s : open) {
            s.close();
        }
        open.clear();
    }

    private RawXmppSocket session(String user) throws Exception {
        RawXmppSocket s = RawXmppSocket.login(listeners.port(), DOMAIN, user, user + "-pass-phrase", "pda");
        open.add(s);
        return s;
    }

    private static String join(RawXmppSocket s, String room, String nick) throws Exception {
        return s.exchange("<presence to='" + room + "@" + SERVICE + "/" + nick + "'>"
                + "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>", "<subject");
    }

    private static String groupchat(RawXmppSocket from, RawXmppSocket to, String room, String body) throws Exception {
        to.clear();
        from.send("<message to='" + room + "@" + SERVICE + "' type='groupchat'><body>" + body + "</body></message>");
        return to.readUntil(body + "</body>", WAIT) + to.readUntil("</message>", Duration.ofMillis(300));
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void creatingJoiningAndLeavingCarryTheSelfPresenceStatusCodes() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        String created = MucTestRooms.createInstant(crone, "coven", "firstwitch");
        assertThat(created).contains("code=\"110\"").contains("code=\"201\"").contains("code=\"170\"")
                .contains("affiliation=\"owner\"").contains("role=\"moderator\"").contains("urn:xmpp:occupant-id:0");
        RawXmppSocket wiccan = session("rawwiccan");
        crone.clear();
        String joined = join(wiccan, "coven", "secondwitch");
        assertThat(joined).contains("from=\"coven@groups.localhost/firstwitch\"").contains("code=\"110\"")
                .doesNotContain("code=\"201\"").contains("role=\"participant\"")
                // semi-anonymous: the participant does not see the owner's real JID
                .doesNotContain("jid=\"rawcrone@localhost/pda\"");
        // §7.2.3: the codes about the room are told only to the one entering.
        String seenByOwner = crone.readUntil("secondwitch", WAIT) + crone.readUntil("</presence>", WAIT);
        assertThat(seenByOwner).contains("jid=\"rawwiccan@localhost/pda\"").doesNotContain("code=\"170\"")
                .doesNotContain("code=\"110\"");
        String renamed = wiccan.exchange("<presence to='coven@" + SERVICE + "/thirdwitch'/>", "from=\"coven@groups.localhost/thirdwitch\"");
        assertThat(renamed).contains("code=\"303\"").contains("nick=\"thirdwitch\"");
        String left = wiccan.exchange("<presence type='unavailable' to='coven@" + SERVICE + "/thirdwitch'/>", "role=\"none\"");
        assertThat(left).contains("type=\"unavailable\"").contains("code=\"110\"").contains("role=\"none\"");
    }

    @Test
    void groupchatGetsTheRoomsStanzaIdAndOccupantIdAndForgedOnesAreStripped() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        MucTestRooms.createInstant(crone, "cauldron", "firstwitch");
        RawXmppSocket wiccan = session("rawwiccan");
        join(wiccan, "cauldron", "secondwitch");
        wiccan.clear();
        crone.send("<message to='cauldron@" + SERVICE + "' type='groupchat'><body>double double</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='cauldron@" + SERVICE + "' id='forged-id'/>"
                + "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='forged-occupant'/></message>");
        String got = wiccan.readUntil("</message>", WAIT);
        assertThat(got).contains("double double").doesNotContain("forged-id").doesNotContain("forged-occupant")
                .contains("by=\"cauldron@groups.localhost\"").contains("<occupant-id xmlns=\"urn:xmpp:occupant-id:0\"");
        String occupantId = group(got, "occupant-id xmlns=\"urn:xmpp:occupant-id:0\" id=\"([^\"]+)\"");
        // XEP-0421 §3: stable for the same user across messages.
        String again = groupchat(crone, wiccan, "cauldron", "toil and trouble");
        assertThat(again).contains("id=\"" + occupantId + "\"");
    }

    @Test
    void selfPingIsAnsweredWhileJoinedAndRefusedOtherwise() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        MucTestRooms.createInstant(crone, "heath", "firstwitch");
        String ok = crone.exchange("<iq type='get' id='sp1' to='heath@" + SERVICE + "/firstwitch'><ping xmlns='urn:xmpp:ping'/></iq>",
                "id=\"sp1\"");
        assertThat(ok).contains("type=\"result\"");
        RawXmppSocket wiccan = session("rawwiccan");
        String refused = wiccan.exchange("<iq type='get' id='sp2' to='heath@" + SERVICE + "/firstwitch'><ping xmlns='urn:xmpp:ping'/></iq>",
                "</iq>");
        assertThat(refused).contains("type=\"error\"").contains("<not-acceptable");
    }

    @Test
    void requestsToAnotherOccupantAreForwardedWithoutRevealingRealJids() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        MucTestRooms.createInstant(crone, "forwarding", "firstwitch");
        RawXmppSocket wiccan = session("rawwiccan");
        join(wiccan, "forwarding", "secondwitch");
        crone.clear();
        wiccan.send("<iq type='get' id='v1' to='forwarding@" + SERVICE + "/firstwitch'><query xmlns='jabber:iq:version'/></iq>");
        String received = crone.readUntil("</iq>", WAIT);
        // The owner moderates and may see real JIDs in presence (§4.1); the forwarded request shows none.
        String forwarded = received.substring(received.indexOf("<iq"));
        assertThat(forwarded).contains("from=\"forwarding@groups.localhost/secondwitch\"").contains("jabber:iq:version")
                .doesNotContain("rawwiccan");
        String id = group(forwarded, "<iq[^>]* id=\"([^\"]+)\"");
        wiccan.clear();
        crone.send("<iq type='result' id='" + id + "' to='forwarding@" + SERVICE + "/secondwitch'><query xmlns='jabber:iq:version'>"
                + "<name>broomstick</name></query></iq>");
        String answer = wiccan.readUntil("</iq>", WAIT);
        assertThat(answer).contains("id=\"v1\"").contains("from=\"forwarding@groups.localhost/firstwitch\"")
                .contains("broomstick").doesNotContain("rawcrone");
    }

    @Test
    void moderatorRetractsAMessageAndTheArchiveKeepsOnlyTheTombstone() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        MucTestRooms.createInstant(crone, "moderated", "firstwitch");
        RawXmppSocket wiccan = session("rawwiccan");
        join(wiccan, "moderated", "secondwitch");
        crone.clear();
        String spam = groupchat(wiccan, crone, "moderated", "buy cheap eye of newt");
        String id = group(spam, "stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"moderated@groups.localhost\" id=\"([^\"]+)\"");
        assertThat(id).isNotNull();
        wiccan.clear();
        String notAllowed = wiccan.exchange("<iq type='set' id='mod0' to='moderated@" + SERVICE + "'>"
                + "<moderate id='" + id + "' xmlns='urn:xmpp:message-moderate:1'><retract xmlns='urn:xmpp:message-retract:1'/>"
                + "</moderate></iq>", "</iq>");
        assertThat(notAllowed).contains("<forbidden");
        wiccan.clear();
        String result = crone.exchange("<iq type='set' id='mod1' to='moderated@" + SERVICE + "'>"
                + "<moderate id='" + id + "' xmlns='urn:xmpp:message-moderate:1'><retract xmlns='urn:xmpp:message-retract:1'/>"
                + "<reason>spam</reason></moderate></iq>", "id=\"mod1\"");
        assertThat(result).contains("type=\"result\"");
        String retraction = wiccan.readUntil("</message>", WAIT);
        assertThat(retraction).contains("<retract xmlns=\"urn:xmpp:message-retract:1\" id=\"" + id + "\"")
                .contains("by=\"moderated@groups.localhost/firstwitch\"").contains("spam");
        String archive = crone.exchange("<iq type='set' id='mq' to='moderated@" + SERVICE + "'><query xmlns='urn:xmpp:mam:2' queryid='q'/></iq>",
                "<fin");
        assertThat(archive).contains("<retracted").doesNotContain("eye of newt");
    }

    @Test
    void roomArchiveIsPagedByStanzaId() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        MucTestRooms.createInstant(crone, "pages", "firstwitch");
        for (int i = 1; i <= 5; i++) {
            groupchat(crone, crone, "pages", "spell " + i);
        }
        String page1 = crone.exchange("<iq type='set' id='p1' to='pages@" + SERVICE + "'><query xmlns='urn:xmpp:mam:2' queryid='a'>"
                + "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max></set></query></iq>", "</iq>");
        assertThat(page1).contains("spell 1").contains("spell 2").doesNotContain("spell 3")
                .contains("complete=\"false\"").contains("<count>5</count>");
        String last = group(page1, "<last>([^<]+)</last>");
        String page2 = crone.exchange("<iq type='set' id='p2' to='pages@" + SERVICE + "'><query xmlns='urn:xmpp:mam:2' queryid='b'>"
                + "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max><after>" + last + "</after></set></query></iq>", "</iq>");
        assertThat(page2).contains("spell 3").contains("spell 4").doesNotContain("spell 2").doesNotContain("spell 5");
        String lastPage = crone.exchange("<iq type='set' id='p3' to='pages@" + SERVICE + "'><query xmlns='urn:xmpp:mam:2' queryid='c'>"
                + "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max><before/></set></query></iq>", "</iq>");
        assertThat(lastPage).contains("spell 4").contains("spell 5").doesNotContain("spell 3");
        String unknown = crone.exchange("<iq type='set' id='p4' to='pages@" + SERVICE + "'><query xmlns='urn:xmpp:mam:2' queryid='d'>"
                + "<set xmlns='http://jabber.org/protocol/rsm'><after>no-such-id</after></set></query></iq>", "</iq>");
        assertThat(unknown).contains("<item-not-found");
    }

    @Test
    void mediatedInvitationToAMembersOnlyRoomMakesTheInviteeAMember() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        MucTestRooms.createInstant(crone, "sabbath", "firstwitch");
        String configured = crone.exchange("<iq type='set' id='cfg' to='sabbath@" + SERVICE + "'>"
                + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>"
                + "<field var='muc#roomconfig_membersonly'><value>1</value></field>"
                + "<field var='muc#roomconfig_allowinvites'><value>1</value></field></x></query></iq>", "id=\"cfg\"");
        assertThat(configured).contains("type=\"result\"");
        RawXmppSocket hecate = session("rawhecate");
        hecate.send("<presence/>");
        String refused = hecate.exchange("<presence to='sabbath@" + SERVICE + "/hecate'><x xmlns='http://jabber.org/protocol/muc'/></presence>",
                "</presence>");
        assertThat(refused).contains("<registration-required");
        hecate.clear();
        crone.send("<message to='sabbath@" + SERVICE + "'><x xmlns='http://jabber.org/protocol/muc#user'>"
                + "<invite to='rawhecate@localhost'><reason>Come to the cauldron</reason></invite></x></message>");
        String invitation = hecate.readUntil("</message>", WAIT);
        assertThat(invitation).contains("from=\"sabbath@groups.localhost\"").contains("<invite from=\"rawcrone@localhost/pda\"")
                .contains("Come to the cauldron");
        String joined = join(hecate, "sabbath", "hecate");
        assertThat(joined).contains("code=\"110\"").contains("affiliation=\"member\"");
    }

    @Test
    void serviceIsDiscoverableAndAdvertisesMuc() throws Exception {
        RawXmppSocket crone = session("rawcrone");
        String items = crone.exchange("<iq type='get' id='d1' to='localhost'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>",
                "</iq>");
        assertThat(items).contains("jid=\"groups.localhost\"");
        String info = crone.exchange("<iq type='get' id='d2' to='" + SERVICE + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                "</iq>");
        assertThat(info).contains("category=\"conference\"").contains("var=\"http://jabber.org/protocol/muc\"");
        String missing = crone.exchange("<message to='nowhere@" + SERVICE + "' type='groupchat'><body>hello</body></message>",
                "</message>");
        assertThat(missing).contains("<item-not-found");
    }
}
