package im.kith.invite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.invite.circle.CircleService;
import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.CircleRepository;
import im.kith.invite.store.InviteKind;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.muc.Affiliation;
import im.kith.xmpp.ext.muc.MucRooms;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.transport.C2sListeners;

/**
 * Every circle has a members-only group chat on groups.DOMAIN: members are affiliated and get an autojoin
 * bookmark (XEP-0402) in their PEP; leaving and deleting take both away again.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class CircleGroupChatTest {
    private static final String PASSWORD = "group-chat-password-1";
    private static final String BOOKMARKS = "<iq type='get' id='bm'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
            + "<items node='urn:xmpp:bookmarks:1'/></pubsub></iq>";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    CircleService circles;

    @Inject
    CircleRepository repository;

    @Inject
    InviteService invites;

    @Inject
    MucRooms rooms;

    private String roomOf(String circle) {
        List<String> linked = repository.rooms(repository.byName(circle).orElseThrow().id());
        assertThat(linked).hasSize(1);
        return linked.get(0);
    }

    private Affiliation affiliation(String room, String user) {
        return rooms.affiliation(room, Jid.of(user, "localhost", null)).toCompletableFuture().join();
    }

    private static String bookmarks(RawXmppSocket s) throws Exception {
        return s.exchange(BOOKMARKS, "</iq>");
    }

    /** Joins a room; the answer up to the self-presence (status 110) or the error. */
    private static String join(RawXmppSocket s, String room, String nick) throws Exception {
        s.clear();
        s.send("<presence to='" + room + "@groups.localhost/" + nick + "'><x xmlns='http://jabber.org/protocol/muc'/>"
                + "</presence>");
        String seen = "";
        while (!seen.contains("code=\"110\"") && !seen.contains("type=\"error\"")) {
            seen = s.readUntil("</presence>", RawSessions.WAIT);
        }
        return seen;
    }

    private RawXmppSocket online(String user) throws Exception {
        RawXmppSocket s = RawSessions.login(listeners.tlsPort(), user, PASSWORD);
        s.send("<presence/>");
        s.readUntil("</presence>", RawSessions.WAIT);
        s.clear();
        return s;
    }

    @Test
    void creatingACircleCreatesItsMembersOnlyRoomNamedAfterIt() {
        circles.create("Book Club");
        circles.create("book club!");
        assertThat(roomOf("Book Club")).isEqualTo("book-club");
        // Localparts are unique: the second circle of the same name gets a suffix.
        assertThat(roomOf("book club!")).isEqualTo("book-club-2");
        assertThat(rooms.roomJid(roomOf("Book Club"))).hasToString("book-club@groups.localhost");
    }

    @Test
    void theDefaultCircleHasARoomToo() {
        assertThat(roomOf(circles.defaultCircle().orElseThrow())).isEqualTo("kith-test");
    }

    @Test
    void aRoomOfTheSameNameThatExistsAlreadyIsLeftAlone() {
        rooms.ensureMembersOnlyRoom("climbers", "Someone's room", List.of(Jid.parse("owner@elsewhere.example")))
                .toCompletableFuture().join();
        circles.create("Climbers");
        assertThat(roomOf("Climbers")).isEqualTo("climbers-2");
        assertThat(affiliation("climbers", "owner@elsewhere.example".split("@")[0])).isEqualTo(Affiliation.NONE);
    }

    @Test
    void aNewMemberIsAffiliatedAndItsOnlineClientReceivesTheAutojoinBookmark() throws Exception {
        accounts.create("gcanna", PASSWORD, Role.USER);
        accounts.create("gczeno", PASSWORD, Role.USER);
        circles.create("Garden");
        String room = roomOf("Garden");
        try (RawXmppSocket anna = online("gcanna"); RawXmppSocket zeno = online("gczeno")) {
            circles.addMember("Garden", "gcanna");
            // XEP-0402 §4: the PEP notification reaches the member's client, which then joins.
            String event = anna.readUntil("</message>", RawSessions.WAIT);
            assertThat(event).contains("node=\"urn:xmpp:bookmarks:1\"").contains("id=\"garden@groups.localhost\"")
                    .contains("autojoin=\"true\"").contains("name=\"Garden\"");
            assertThat(bookmarks(anna)).contains("<item id=\"garden@groups.localhost\"").contains("autojoin=\"true\"");
            assertThat(affiliation(room, "gcanna")).isEqualTo(Affiliation.MEMBER);
            assertThat(join(anna, room, "anna")).contains("affiliation=\"member\"").doesNotContain("type=\"error\"");
            // XEP-0045 §7.2.6: the room is members-only.
            assertThat(join(zeno, room, "zeno")).contains("type=\"error\"").contains("<registration-required");
        }
    }

    @Test
    void leavingTakesTheAffiliationAndTheBookmarkAway() throws Exception {
        accounts.create("gcbert", PASSWORD, Role.USER);
        circles.create("Choir Practice");
        String room = roomOf("Choir Practice");
        circles.addMember("Choir Practice", "gcbert");
        try (RawXmppSocket bert = online("gcbert")) {
            assertThat(bookmarks(bert)).contains("choir-practice@groups.localhost");
            assertThat(join(bert, room, "bert")).contains("code=\"110\"");
            bert.clear();
            circles.removeMember("Choir Practice", "gcbert");
            // XEP-0045 §9.4: an occupant who is no longer a member leaves a members-only room (321).
            assertThat(bert.readUntil("code=\"321\"", RawSessions.WAIT)).contains("type=\"unavailable\"");
            assertThat(bert.readUntil("<retract id=\"choir-practice@groups.localhost\"", RawSessions.WAIT))
                    .contains("urn:xmpp:bookmarks:1");
            assertThat(bookmarks(bert)).doesNotContain("choir-practice@groups.localhost");
            assertThat(affiliation(room, "gcbert")).isEqualTo(Affiliation.NONE);
            assertThat(join(bert, room, "bert")).contains("<registration-required");
        }
    }

    @Test
    void deletingACircleDestroysItsRoomAndRemovesTheBookmarks() throws Exception {
        accounts.create("gccora", PASSWORD, Role.USER);
        circles.create("Old Friends");
        String room = roomOf("Old Friends");
        circles.addMember("Old Friends", "gccora");
        try (RawXmppSocket cora = online("gccora")) {
            assertThat(join(cora, room, "cora")).contains("code=\"110\"");
            cora.clear();
            circles.delete("Old Friends");
            // The members leave first (XEP-0045 §9.4, status 321), then the room is destroyed.
            assertThat(cora.readUntil("<retract id=\"old-friends@groups.localhost\"", RawSessions.WAIT))
                    .contains("type=\"unavailable\"").contains("code=\"321\"");
            assertThat(bookmarks(cora)).doesNotContain("old-friends@groups.localhost");
        }
        assertThat(rooms.destroyRoom(room, null).toCompletableFuture().join()).isFalse();
        assertThat(repository.roomLinked(room)).isFalse();
    }

    @Test
    void anotherRoomOfACircleIsAffiliatedAndBookmarkedForItsMembersAndLaterOnes() throws Exception {
        accounts.create("gcdana", PASSWORD, Role.USER);
        accounts.create("gcemil", PASSWORD, Role.USER);
        circles.create("Cousins");
        circles.addMember("Cousins", "gcdana");
        String extra = circles.addRoom("Cousins", "Summer 2027");
        assertThat(extra).isEqualTo("summer-2027");
        assertThat(circles.rooms("Cousins")).containsExactlyInAnyOrder("cousins", "summer-2027");
        assertThat(affiliation(extra, "gcdana")).isEqualTo(Affiliation.MEMBER);
        try (RawXmppSocket dana = online("gcdana")) {
            assertThat(bookmarks(dana)).contains("<item id=\"summer-2027@groups.localhost\"")
                    .contains("name=\"Summer 2027\"").contains("<item id=\"cousins@groups.localhost\"");
        }
        circles.addMember("Cousins", "gcemil");
        assertThat(affiliation(extra, "gcemil")).isEqualTo(Affiliation.MEMBER);
        assertThat(affiliation("cousins", "gcemil")).isEqualTo(Affiliation.MEMBER);
        try (RawXmppSocket emil = online("gcemil")) {
            // A later member's bookmark carries the room's own title, not the circle's name.
            assertThat(bookmarks(emil)).contains("name=\"Summer 2027\"");
            assertThat(join(emil, extra, "emil")).contains("code=\"110\"");
        }
    }

    @Test
    void removingARoomDestroysItAndItsBookmarksButACircleKeepsItsLastRoom() throws Exception {
        accounts.create("gcfred", PASSWORD, Role.USER);
        circles.create("Neighbours");
        circles.addMember("Neighbours", "gcfred");
        String extra = circles.addRoom("Neighbours", "Street party");
        try (RawXmppSocket fred = online("gcfred")) {
            assertThat(bookmarks(fred)).contains("street-party@groups.localhost");
            circles.removeRoom("Neighbours", extra);
            assertThat(fred.readUntil("<retract id=\"street-party@groups.localhost\"", RawSessions.WAIT))
                    .contains("urn:xmpp:bookmarks:1");
            assertThat(bookmarks(fred)).doesNotContain("street-party@groups.localhost")
                    .contains("neighbours@groups.localhost");
        }
        assertThat(rooms.destroyRoom(extra, null).toCompletableFuture().join()).isFalse();
        assertThat(circles.rooms("Neighbours")).containsExactly("neighbours");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> circles.removeRoom("Neighbours", "neighbours"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> circles.removeRoom("Neighbours", "elsewhere"))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void anAccountRegisteredInBandWithACircleInviteIsInTheRoom() throws Exception {
        circles.create("Band");
        CreatedInvite invite = invites.create(new InviteRequest(InviteKind.ACCOUNT, null, null, null, "test", null, 1,
                null, List.of("Band")));
        try (RawXmppSocket s = RawXmppSocket.connectTls(listeners.tlsPort())) {
            s.send(RawXmppSocket.header("localhost"));
            s.readUntil("</stream:features>", RawSessions.WAIT);
            assertThat(s.exchange("<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>gcdave</username>"
                    + "<password>" + PASSWORD + "</password><token>" + invite.token() + "</token></query></iq>", "</iq>"))
                    .contains("type=\"result\"");
        }
        assertMemberOfTheRoom("gcdave", "Band");
    }

    @Test
    void anAccountRegisteredOnTheWebPageWithACircleInviteIsInTheRoom() throws Exception {
        circles.create("Reading Group");
        CreatedInvite invite = invites.create(new InviteRequest(InviteKind.ACCOUNT, null, null, null, "test", null, 1,
                null, List.of("Reading Group")));
        String path = "/invite/" + invite.token() + "/";
        String page = given().get(path).then().statusCode(200).extract().asString();
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        given().formParams(Map.of("username", "gcelli", "password", PASSWORD, "confirm", PASSWORD, "csrf", csrf))
                .post(path).then().statusCode(200);
        assertMemberOfTheRoom("gcelli", "Reading Group");
    }

    private void assertMemberOfTheRoom(String user, String circle) throws Exception {
        String room = roomOf(circle);
        assertThat(affiliation(room, user)).isEqualTo(Affiliation.MEMBER);
        try (RawXmppSocket s = online(user)) {
            assertThat(bookmarks(s)).contains("<item id=\"" + room + "@groups.localhost\"").contains("autojoin=\"true\"")
                    .contains("name=\"" + circle + "\"");
            assertThat(join(s, room, user)).contains("code=\"110\"");
        }
    }
}
