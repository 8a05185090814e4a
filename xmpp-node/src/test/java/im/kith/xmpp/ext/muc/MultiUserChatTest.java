package im.kith.xmpp.ext.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.form.Form;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.OccupantIdProvider;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0045 through Smack's MultiUserChat: rooms as a client library sees them. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiUserChatTest {
    private static final String DOMAIN = "localhost";
    private static final String SERVICE = "groups.localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    MucRooms rooms;

    private final List<XMPPTCPConnection> open = new ArrayList<>();

    @BeforeAll
    void createAccounts() {
        OccupantIdProvider.install();
        for (String user : new String[] {"mucowner", "mucguest", "mucthird"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    @AfterEach
    void disconnect() {
        open.forEach(XMPPTCPConnection::disconnect);
        open.clear();
    }

    private MultiUserChat room(String user, String room) throws Exception {
        XMPPTCPConnection c = XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", "muc");
        open.add(c);
        return MultiUserChatManager.getInstanceFor(c).getMultiUserChat(JidCreate.entityBareFrom(room + "@" + SERVICE));
    }

    private static Resourcepart nick(String n) throws Exception {
        return Resourcepart.from(n);
    }

    private static Jid bare(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + DOMAIN);
    }

    private static StanzaError.Condition joinError(MultiUserChat muc, String nick, String password) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
            if (password == null) {
                muc.join(nick(nick));
            } else {
                muc.join(nick(nick), password);
            }
        });
        assertThat(t).isInstanceOf(XMPPErrorException.class);
        return ((XMPPErrorException) t).getStanzaError().getCondition();
    }

    private static void configure(MultiUserChat muc, java.util.Map<String, Object> answers) throws Exception {
        Form form = muc.getConfigurationForm();
        FillableForm fill = form.getFillableForm();
        for (var e : answers.entrySet()) {
            if (e.getValue() instanceof Boolean b) {
                fill.setAnswer(e.getKey(), b);
            } else if (e.getValue() instanceof Integer i) {
                fill.setAnswer(e.getKey(), i);
            } else {
                fill.setAnswer(e.getKey(), e.getValue().toString());
            }
        }
        muc.sendConfigurationForm(fill);
    }

    @Test
    void instantRoomIsCreatedJoinedAndLeft() throws Exception {
        MultiUserChat owner = room("mucowner", "instant");
        owner.create(nick("romeo")).makeInstant();
        MultiUserChat guest = room("mucguest", "instant");
        guest.join(nick("juliet"));
        assertThat(guest.isJoined()).isTrue();
        awaitOccupants(owner, 2);
        guest.leave();
        awaitOccupants(owner, 1);
        owner.leave();
    }

    @Test
    void occupantsChatWithServerStanzaIdAndOccupantId() throws Exception {
        MultiUserChat owner = room("mucowner", "chat");
        owner.create(nick("romeo")).makeInstant();
        MultiUserChat guest = room("mucguest", "chat");
        guest.join(nick("juliet"));
        owner.sendMessage("wherefore art thou");
        Message received = nextWithBody(guest);
        assertThat(received.getBody()).isEqualTo("wherefore art thou");
        assertThat(received.getFrom().toString()).isEqualTo("chat@" + SERVICE + "/romeo");
        StanzaIdElement sid = StanzaIdElement.getStanzaId(received);
        assertThat(sid).isNotNull();
        assertThat(sid.getBy()).isEqualTo("chat@" + SERVICE);
        assertThat(received.getExtensionElement("occupant-id", "urn:xmpp:occupant-id:0")).isNotNull();
    }

    @Test
    void membersOnlyRoomRefusesStrangersUntilMembershipIsGranted() throws Exception {
        MultiUserChat owner = room("mucowner", "members");
        owner.create(nick("romeo"));
        configure(owner, java.util.Map.of("muc#roomconfig_membersonly", true));
        MultiUserChat guest = room("mucguest", "members");
        assertThat(joinError(guest, "juliet", null)).isEqualTo(StanzaError.Condition.registration_required);
        owner.grantMembership(bare("mucguest"));
        guest.join(nick("juliet"));
        assertThat(guest.isJoined()).isTrue();
    }

    @Test
    void passwordProtectedRoomNeedsTheSecret() throws Exception {
        MultiUserChat owner = room("mucowner", "secret");
        owner.create(nick("romeo"));
        configure(owner, java.util.Map.of("muc#roomconfig_passwordprotectedroom", true, "muc#roomconfig_roomsecret", "balcony"));
        MultiUserChat guest = room("mucguest", "secret");
        assertThat(joinError(guest, "juliet", null)).isEqualTo(StanzaError.Condition.not_authorized);
        assertThat(joinError(guest, "juliet", "orchard")).isEqualTo(StanzaError.Condition.not_authorized);
        guest.join(nick("juliet"), "balcony");
        assertThat(guest.isJoined()).isTrue();
    }

    @Test
    void kickedAndBannedOccupantsLearnWhyAndBannedOnesStayOut() throws Exception {
        MultiUserChat owner = room("mucowner", "verona");
        owner.create(nick("prince")).makeInstant();
        MultiUserChat guest = room("mucguest", "verona");
        CountDownLatch kicked = new CountDownLatch(1);
        CountDownLatch banned = new CountDownLatch(1);
        guest.addUserStatusListener(new UserStatusListener() {
            @Override
            public void kicked(Jid actor, String reason) {
                kicked.countDown();
            }

            @Override
            public void banned(Jid actor, String reason) {
                banned.countDown();
            }
        });
        guest.join(nick("tybalt"));
        owner.kickParticipant(nick("tybalt"), "brawling");
        assertThat(kicked.await(5, TimeUnit.SECONDS)).isTrue();
        guest.join(nick("tybalt"));
        owner.banUser(bare("mucguest"), "exiled");
        assertThat(banned.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(joinError(guest, "tybalt", null)).isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    void nicknameInUseOrReservedBySomeoneElseConflicts() throws Exception {
        MultiUserChat owner = room("mucowner", "nicks");
        owner.create(nick("romeo")).makeInstant();
        MultiUserChat guest = room("mucguest", "nicks");
        assertThat(joinError(guest, "romeo", null)).isEqualTo(StanzaError.Condition.conflict);
        guest.join(nick("juliet"));
        assertThat(guest.isJoined()).isTrue();
        awaitOccupants(owner, 2);
    }

    @Test
    void configurationFormRoundTrips() throws Exception {
        MultiUserChat owner = room("mucowner", "configured");
        owner.create(nick("romeo"));
        configure(owner, java.util.Map.of("muc#roomconfig_roomname", "The Globe", "muc#roomconfig_roomdesc", "Stage talk",
                "muc#roomconfig_maxusers", 30, "muc#roomconfig_moderatedroom", true, "muc#roomconfig_whois", "anyone"));
        Form form = owner.getConfigurationForm();
        assertThat(form.getField("muc#roomconfig_roomname").getFirstValue()).isEqualTo("The Globe");
        assertThat(form.getField("muc#roomconfig_roomdesc").getFirstValue()).isEqualTo("Stage talk");
        assertThat(form.getField("muc#roomconfig_maxusers").getFirstValue()).isEqualTo("30");
        assertThat(form.getField("muc#roomconfig_moderatedroom").getFirstValue()).isIn("1", "true");
        assertThat(form.getField("muc#roomconfig_whois").getFirstValue()).isEqualTo("anyone");
        MultiUserChat guest = room("mucguest", "configured");
        assertThatThrownBy(guest::getConfigurationForm).isInstanceOf(XMPPErrorException.class);
    }

    @Test
    void persistentRoomWithItsMembersSurvivesBeingDroppedFromMemory() throws Exception {
        MultiUserChat owner = room("mucowner", "archive-hall");
        owner.create(nick("romeo"));
        configure(owner, java.util.Map.of("muc#roomconfig_persistentroom", true, "muc#roomconfig_membersonly", true,
                "muc#roomconfig_roomname", "Hall"));
        owner.grantMembership(bare("mucguest"));
        rooms.evict("archive-hall").toCompletableFuture().get(5, TimeUnit.SECONDS);
        disconnect();
        rooms.evict("archive-hall").toCompletableFuture().get(5, TimeUnit.SECONDS);

        MultiUserChat guest = room("mucguest", "archive-hall");
        guest.join(nick("juliet"));
        assertThat(guest.isJoined()).isTrue();
        MultiUserChat stranger = room("mucthird", "archive-hall");
        assertThat(joinError(stranger, "mercutio", null)).isEqualTo(StanzaError.Condition.registration_required);
        MultiUserChat owner2 = room("mucowner", "archive-hall");
        owner2.join(nick("romeo"));
        assertThat(owner2.getConfigurationForm().getField("muc#roomconfig_roomname").getFirstValue()).isEqualTo("Hall");
    }

    @Test
    void historyOnJoinHonoursMaxStanzas() throws Exception {
        MultiUserChat owner = room("mucowner", "history");
        owner.create(nick("romeo")).makeInstant();
        for (int i = 1; i <= 5; i++) {
            owner.sendMessage("line " + i);
        }
        for (int i = 1; i <= 5; i++) {
            assertThat(nextWithBody(owner).getBody()).isEqualTo("line " + i);
        }
        MultiUserChat guest = room("mucguest", "history");
        guest.join(guest.getEnterConfigurationBuilder(nick("juliet")).requestMaxStanzasHistory(2).build());
        Message first = nextWithBody(guest);
        Message second = nextWithBody(guest);
        assertThat(first.getBody()).isEqualTo("line 4");
        assertThat(second.getBody()).isEqualTo("line 5");
        assertThat(DelayInformation.from(first)).isNotNull();
        assertThat(DelayInformation.from(first).getFrom()).isEqualTo("history@" + SERVICE);
        Message extra = guest.nextMessage(300);
        assertThat(extra == null || extra.getBody() == null).isTrue();
    }

    private static Message nextWithBody(MultiUserChat muc) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            Message m = muc.nextMessage(deadline - System.currentTimeMillis());
            if (m != null && m.getBody() != null) {
                return m;
            }
        }
        throw new AssertionError("no message with a body");
    }

    private static void awaitOccupants(MultiUserChat muc, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && muc.getOccupantsCount() != n) {
            Thread.sleep(50);
        }
        assertThat(muc.getOccupantsCount()).isEqualTo(n);
    }

    @SuppressWarnings("unused")
    private static EntityBareJid roomJid(String room) throws Exception {
        return JidCreate.entityBareFrom(room + "@" + SERVICE);
    }
}
