package im.kith.invite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.nio.file.Files;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import im.kith.invite.circle.CircleService;
import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.admin.AdminToken;
import im.kith.xmpp.transport.C2sListeners;

/** Circles keep rosters in sync; the admin API creates, lists and revokes invites and manages circles. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class CircleAndAdminTest {
    private static final String PASSWORD = "circle-password-1";

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AdminToken token;

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    CircleService circles;

    @Inject
    InviteService invites;

    private RequestSpecification admin() throws Exception {
        return given().baseUri("http://127.0.0.1").port(management.getPort())
                .header("Authorization", "Bearer " + Files.readString(token.file()).strip());
    }

    private String roster(String user) throws Exception {
        try (RawXmppSocket s = RawSessions.login(listeners.tlsPort(), user, PASSWORD)) {
            return RawSessions.roster(s);
        }
    }

    @Test
    void defaultCircleNamedAfterTheSiteExistsAndCannotBeDeleted() throws Exception {
        assertThat(circles.defaultCircle()).contains("Kith Test");
        admin().delete("/kith/api/circles/Kith Test").then().statusCode(400)
                .body(containsString("cannot be deleted"));
    }

    @Test
    void circleMembersGetEachOtherOnTheirRostersAndLeavingRemovesTheEntries() throws Exception {
        for (String u : List.of("anna", "bert", "carla")) {
            accounts.create(u, PASSWORD, Role.USER);
        }
        admin().contentType("application/json").body("{\"name\":\"Family\"}").post("/kith/api/circles")
                .then().statusCode(201);
        admin().put("/kith/api/circles/Family/members/anna").then().statusCode(200);
        admin().put("/kith/api/circles/Family/members/bert").then().statusCode(200);
        admin().put("/kith/api/circles/Family/members/carla").then().statusCode(200);

        assertThat(roster("anna")).contains("jid=\"bert@localhost\"").contains("jid=\"carla@localhost\"")
                .contains("subscription=\"both\"").contains("<group>Family</group>");
        assertThat(roster("carla")).contains("jid=\"anna@localhost\"").contains("jid=\"bert@localhost\"");

        admin().delete("/kith/api/circles/Family/members/carla").then().statusCode(200);
        assertThat(roster("carla")).doesNotContain("anna@localhost").doesNotContain("bert@localhost");
        assertThat(roster("anna")).contains("bert@localhost").doesNotContain("carla@localhost");
        admin().get("/kith/api/circles").then().statusCode(200).body(containsString("Family"));
        admin().contentType("application/json").body("{\"title\":\"Family recipes\"}").post("/kith/api/circles/Family/rooms")
                .then().statusCode(201).body(containsString("family-recipes@groups.localhost"));
        admin().get("/kith/api/circles").then().statusCode(200).body(containsString("family-recipes@groups.localhost"));
        admin().delete("/kith/api/circles/Family/rooms/family-recipes@groups.localhost").then().statusCode(200);
        admin().delete("/kith/api/circles/Family/rooms/family").then().statusCode(400);
        admin().delete("/kith/api/circles/Nowhere").then().statusCode(404);
    }

    @Test
    void circleInviteBringsTheNewAccountIntoTheCircle() throws Exception {
        accounts.create("dora", PASSWORD, Role.USER);
        circles.create("Choir");
        circles.addMember("Choir", "dora");
        String url = admin().contentType("application/json")
                .body("{\"kind\":\"circle\",\"circles\":[\"Choir\"],\"expires\":\"2d\"}")
                .header("Accept", "text/plain").post("/kith/api/invites")
                .then().statusCode(201).body(startsWith("https://invite.test/invite/"))
                .extract().asString().lines().findFirst().orElseThrow();
        String path = url.substring("https://invite.test".length());
        String page = given().get(path).then().statusCode(200).body(containsString("Choir")).extract().asString();
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        given().formParam("username", "emil").formParam("password", PASSWORD).formParam("confirm", PASSWORD)
                .formParam("csrf", csrf).post(path).then().statusCode(200);
        assertThat(circles.find("Choir").orElseThrow().members()).containsExactly("dora", "emil");
        assertThat(roster("emil")).contains("jid=\"dora@localhost\"").contains("<group>Choir</group>");
        assertThat(roster("dora")).contains("jid=\"emil@localhost\"");
    }

    @Test
    void adminApiCreatesListsAndRevokesInvitesAndRefusesBadInput() throws Exception {
        String json = admin().contentType("application/json").body("{\"kind\":\"admin\",\"note\":\"for Fay\"}")
                .post("/kith/api/invites").then().statusCode(201)
                .body(containsString("\"uri\":\"xmpp:localhost?register;preauth=")).extract().asString();
        long id = Long.parseLong(json.replaceAll(".*\"id\":(\\d+).*", "$1"));
        admin().header("Accept", "text/plain").get("/kith/api/invites").then().statusCode(200)
                .body(containsString(id + "      admin"));
        admin().delete("/kith/api/invites/" + id).then().statusCode(200);
        admin().delete("/kith/api/invites/" + id).then().statusCode(404);
        admin().contentType("application/json").body("{\"expires\":\"10w\"}").post("/kith/api/invites")
                .then().statusCode(400).body(containsString("1 hour to 4 weeks"));
        admin().contentType("application/json").body("{\"kind\":\"circle\"}").post("/kith/api/invites")
                .then().statusCode(400);
        admin().contentType("application/json").body("{\"circles\":[\"NoSuchCircle\"]}").post("/kith/api/invites")
                .then().statusCode(400).body(containsString("no circle NoSuchCircle"));
        given().baseUri("http://127.0.0.1").port(management.getPort()).get("/kith/api/invites").then().statusCode(401);
    }

    private String kithctl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "../bin/kithctl"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KITH_DATA_DIR", token.file().getParent().toString());
        pb.environment().put("KITH_ADMIN_PORT", String.valueOf(management.getPort()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void kithctlCreatesListsAndRevokesInvitesAndManagesCircles() throws Exception {
        accounts.create("ivan", PASSWORD, Role.USER);
        assertThat(kithctl("circle", "create", "Night Owls")).contains("created circle Night Owls");
        assertThat(kithctl("circle", "add-member", "Night Owls", "ivan")).contains("ivan joined Night Owls");
        String created = kithctl("invite", "create", "--circle", "Night Owls", "--uses", "3", "--expires", "2w");
        assertThat(created).startsWith("https://invite.test/invite/").contains("xmpp:localhost?register;preauth=");
        assertThat(kithctl("invite", "create", "--admin")).contains("https://invite.test/invite/");
        assertThat(kithctl("invite", "reset", "ivan")).contains("xmpp:ivan@localhost?register;preauth=");
        String list = kithctl("invite", "list");
        assertThat(list).contains("circles Night Owls").contains("0/3");
        String id = list.lines().filter(l -> l.contains("Night Owls")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(kithctl("invite", "revoke", id)).contains("revoked invite " + id);
        assertThat(kithctl("circle", "list")).contains("Night Owls: ivan");
        assertThat(kithctl("circle", "remove-member", "Night Owls", "ivan")).contains("ivan left Night Owls");
        assertThat(kithctl("circle", "delete", "Night Owls")).contains("deleted circle Night Owls");
    }

    private static String command(RawXmppSocket s, String id, String node, String form) throws Exception {
        s.clear();
        s.send("<iq type='set' id='" + id + "' to='localhost'><command xmlns='http://jabber.org/protocol/commands'"
                + " node='" + node + "' action='execute'>" + form + "</command></iq>");
        return s.readUntil("</iq>", RawSessions.WAIT);
    }

    @Test
    void adHocCommandsCreateInvitesForUsersAndAccountInvitesForAdminsOnly() throws Exception {
        accounts.create("jana", PASSWORD, Role.USER);
        accounts.create("kurt", PASSWORD, Role.ADMIN);
        try (RawXmppSocket jana = RawSessions.login(listeners.tlsPort(), "jana", PASSWORD)) {
            assertThat(command(jana, "c1", "urn:xmpp:invite#invite", "")).contains("status=\"completed\"")
                    .contains("urn:xmpp:invite#invitation")
                    .contains("xmpp:jana@localhost?roster;preauth=").contains("https://invite.test/invite/");
            assertThat(command(jana, "c2", "urn:xmpp:invite#create-account", "")).contains("type=\"error\"")
                    .contains("<forbidden");
        }
        try (RawXmppSocket kurt = RawSessions.login(listeners.tlsPort(), "kurt", PASSWORD)) {
            assertThat(command(kurt, "c3", "urn:xmpp:invite#create-account", "")).contains("status=\"executing\"")
                    .contains("var=\"username\"");
            assertThat(command(kurt, "c4", "urn:xmpp:invite#create-account",
                    "<x xmlns='jabber:x:data' type='submit'><field var='username'><value>lena</value></field></x>"))
                    .contains("status=\"completed\"").contains("xmpp:lena@localhost?register;preauth=");
            assertThat(command(kurt, "c5", "urn:xmpp:invite#nothing", "")).contains("<item-not-found");
        }
    }

    @Test
    void firstStartWithoutAnAdministratorCreatedAOneTimeAdminInvite() {
        assertThat(invites.list()).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(InviteKind.ADMIN);
            assertThat(i.createdBy()).isEqualTo("first start");
        });
    }

    @Test
    void subscriptionRequestWithTheContactInviteTokenIsApprovedAndReturned() throws Exception {
        accounts.create("gina", PASSWORD, Role.USER);
        accounts.create("hugo", PASSWORD, Role.USER);
        CreatedInvite i = invites.create(new InviteRequest(InviteKind.CONTACT, null, null, "gina", "gina", null, 1,
                null, List.of()));
        try (RawXmppSocket hugo = RawSessions.login(listeners.tlsPort(), "hugo", PASSWORD)) {
            RawSessions.roster(hugo);
            hugo.send("<presence/>");
            hugo.clear();
            hugo.send("<presence type='subscribe' to='gina@localhost'><preauth xmlns='urn:xmpp:pars:0' token='"
                    + i.token() + "'/></presence>");
            // XEP-0379 §3.4: approved without Gina's involvement (Hugo's roster push shows 'to'), and Gina
            // asks back.
            hugo.readUntil("subscription=\"to\"", RawSessions.WAIT);
            String seen = hugo.readUntil("type=\"subscribe\"", RawSessions.WAIT);
            assertThat(seen).contains("subscription=\"to\"").contains("from=\"gina@localhost\"")
                    .contains("type=\"subscribe\"");
        }
        assertThat(roster("gina")).contains("jid=\"hugo@localhost\"").contains("subscription=\"from\"")
                .contains("ask=\"subscribe\"");
    }

    @Test
    void newCircleMembersSeeEachOthersPresenceRightAway() throws Exception {
        accounts.create("pina", PASSWORD, Role.USER);
        accounts.create("paul", PASSWORD, Role.USER);
        circles.create("Hikers");
        circles.addMember("Hikers", "pina");
        try (RawXmppSocket pina = RawSessions.login(listeners.tlsPort(), "pina", PASSWORD);
                RawXmppSocket paul = RawSessions.login(listeners.tlsPort(), "paul", PASSWORD)) {
            pina.send("<presence><status>on the trail</status></presence>");
            paul.send("<presence><show>away</show><status>packing</status></presence>");
            pina.readUntil("</presence>", RawSessions.WAIT);
            paul.readUntil("</presence>", RawSessions.WAIT);
            pina.clear();
            paul.clear();
            circles.addMember("Hikers", "paul");
            // RFC 6121 §3.1.5: with the subscriptions in place, each gets the other's current presence.
            assertThat(pina.readUntil("packing", RawSessions.WAIT)).contains("from=\"paul@localhost/");
            assertThat(paul.readUntil("on the trail", RawSessions.WAIT)).contains("from=\"pina@localhost/");
        }
    }
}
