package im.kith.xmpp.ext.muc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.transport.C2sListeners;

/** Admin and owner use cases (XEP-0045 §9–§10), nick registration (§7.10) and the {@link MucRooms} API, in raw XML. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MucAdministrationTest {
    private static final String DOMAIN = "localhost";
    private static final String SERVICE = "groups.localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    MucRooms rooms;

    private final List<RawXmppSocket> open = new ArrayList<>();

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"admlear", "admgoneril", "admedmund"}) {
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
        RawXmppSocket s = RawXmppSocket.login(listeners.port(), DOMAIN, user, user + "-pass-phrase", "heath");
        open.add(s);
        return s;
    }

    /** Enters a room; returns what arrived up to the self-presence (110) or the error. */
    private static String join(RawXmppSocket s, String room, String nick) throws Exception {
        s.clear();
        s.send("<presence to='" + room + "@" + SERVICE + "/" + nick + "'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String text = s.text();
        while (System.nanoTime() < deadline && !text.contains("code=\"110\"") && !text.contains("type=\"error\"")) {
            text = s.readUntil("\u0000never", Duration.ofMillis(100));
        }
        return s.readUntil("\u0000never", Duration.ofMillis(150));
    }

    /** Sends an IQ to a room and returns what arrived up to the end of its answer. */
    private static String iq(RawXmppSocket s, String id, String to, String type, String payload) throws Exception {
        String marker = "id=\"" + id + "\"";
        String text = s.exchange("<iq type='" + type + "' id='" + id + "' to='" + to + "@" + SERVICE + "'>" + payload + "</iq>",
                marker);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !answered(text, marker)) {
            text = s.readUntil("\u0000never", Duration.ofMillis(50));
        }
        return text;
    }

    private static boolean answered(String text, String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            return false;
        }
        String rest = text.substring(at);
        int close = rest.indexOf('>');
        return close > 0 && (rest.charAt(close - 1) == '/' || rest.contains("</iq>"));
    }

    @Test
    void kickAndBanCarryCodesActorAndReasonAndListsNeedPrivileges() throws Exception {
        RawXmppSocket lear = session("admlear");
        MucTestRooms.createInstant(lear, "court", "lear");
        RawXmppSocket edmund = session("admedmund");
        join(edmund, "court", "edmund");
        String refused = iq(edmund, "k0", "court", "set", "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                + "<item nick='lear' role='none'/></query>");
        assertThat(refused).contains("<forbidden");
        edmund.clear();
        iq(lear, "k1", "court", "set", "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='edmund' role='none'>"
                + "<reason>treason</reason></item></query>");
        String kicked = edmund.readUntil("code=\"307\"", WAIT);
        assertThat(kicked).contains("type=\"unavailable\"").contains("code=\"110\"").contains("<actor nick=\"lear\"")
                .contains("treason");
        join(edmund, "court", "edmund");
        edmund.clear();
        iq(lear, "b1", "court", "set", "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                + "<item affiliation='outcast' jid='admedmund@localhost'><reason>bastard</reason></item></query>");
        String banned = edmund.readUntil("code=\"301\"", WAIT);
        assertThat(banned).contains("affiliation=\"outcast\"").contains("code=\"110\"");
        String outcasts = iq(lear, "l1", "court", "get", "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                + "<item affiliation='outcast'/></query>");
        assertThat(outcasts).contains("jid=\"admedmund@localhost\"");
        assertThat(join(edmund, "court", "edmund")).contains("<forbidden");
        String notAdmin = iq(edmund, "l2", "court", "get", "<query xmlns='http://jabber.org/protocol/muc#admin'>"
                + "<item affiliation='member'/></query>");
        assertThat(notAdmin).contains("<forbidden");
    }

    @Test
    void registeredNicknameIsReservedForItsOwner() throws Exception {
        RawXmppSocket lear = session("admlear");
        MucTestRooms.createInstant(lear, "heathland", "lear");
        RawXmppSocket goneril = session("admgoneril");
        String form = iq(goneril, "r1", "heathland", "get", "<query xmlns='jabber:iq:register'/>");
        assertThat(form).contains("var=\"muc#register_roomnick\"");
        String registered = iq(goneril, "r2", "heathland", "set", "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' "
                + "type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#register</value></field>"
                + "<field var='muc#register_roomnick'><value>eldest</value></field></x></query>");
        assertThat(registered).contains("type=\"result\"");
        assertThat(iq(goneril, "r3", "heathland", "get", "<query xmlns='jabber:iq:register'/>"))
                .contains("<registered/>").contains("<username>eldest</username>");
        RawXmppSocket edmund = session("admedmund");
        assertThat(join(edmund, "heathland", "eldest")).contains("<conflict");
        assertThat(join(goneril, "heathland", "eldest")).contains("code=\"110\"").contains("affiliation=\"member\"");
    }

    @Test
    void ownerDestroysTheRoomAndOccupantsAreTold() throws Exception {
        RawXmppSocket lear = session("admlear");
        MucTestRooms.createInstant(lear, "kingdom", "lear");
        RawXmppSocket goneril = session("admgoneril");
        join(goneril, "kingdom", "goneril");
        goneril.clear();
        String done = iq(lear, "d1", "kingdom", "set", "<query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<destroy jid='dover@" + SERVICE + "'><reason>divided</reason></destroy></query>");
        assertThat(done).contains("type=\"result\"");
        String told = goneril.readUntil("</presence>", WAIT);
        assertThat(told).contains("type=\"unavailable\"").contains("<destroy jid=\"dover@groups.localhost\"").contains("divided");
        String gone = iq(goneril, "d2", "kingdom", "get", "<query xmlns='http://jabber.org/protocol/disco#info'/>");
        assertThat(gone).contains("<item-not-found");
    }

    @Test
    void sessionThatEndsLeavesItsRooms() throws Exception {
        RawXmppSocket lear = session("admlear");
        MucTestRooms.createInstant(lear, "storm", "lear");
        RawXmppSocket goneril = session("admgoneril");
        join(goneril, "storm", "goneril");
        lear.clear();
        goneril.close();
        open.remove(goneril);
        String left = lear.readUntil("role=\"none\"", WAIT);
        assertThat(left).contains("type=\"unavailable\"").contains("storm@groups.localhost/goneril");
    }

    @Test
    void membersOnlyRoomMadeThroughTheApiAdmitsItsMembersOnly() throws Exception {
        Jid room = rooms.ensureMembersOnlyRoom("family", "The family", List.of(Jid.parse("admgoneril@localhost")))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(room).isEqualTo(Jid.parse("family@" + SERVICE));
        RawXmppSocket goneril = session("admgoneril");
        assertThat(join(goneril, "family", "goneril")).contains("code=\"110\"").contains("affiliation=\"member\"");
        RawXmppSocket edmund = session("admedmund");
        assertThat(join(edmund, "family", "edmund")).contains("<registration-required");
        rooms.setAffiliation("family", Jid.parse("admedmund@localhost"), Affiliation.MEMBER)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(join(edmund, "family", "edmund")).contains("code=\"110\"");
        String info = iq(edmund, "i1", "family", "get", "<query xmlns='http://jabber.org/protocol/disco#info'/>");
        assertThat(info).contains("muc_membersonly").contains("muc_persistent").contains("name=\"The family\"");
    }
}
