package im.kith.invite;

import static im.kith.testkit.RawXmppSocket.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Localpart;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** Invites redeemed from an XMPP app: XEP-0445 pre-authentication and XEP-0077 registration over real sockets. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class InBandRegistrationTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    InviteService invites;

    @Inject
    AccountService accounts;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private CreatedInvite invite(InviteKind kind, String username, String inviter) {
        return invites.create(new InviteRequest(kind, null, username, inviter, "test", null, 1, null, List.of()));
    }

    /**
     * A connected, not authenticated Smack connection on the direct TLS port (XEP-0368) that will log in as
     * user/password. Direct TLS takes the test kit's trust-all socket factory.
     */
    private XMPPTCPConnection unauthenticated(String user, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XmppClients.starttls(DOMAIN, listeners.tlsPort(), user, password)
                .setSecurityMode(SecurityMode.disabled)
                .setSocketFactory(XmppClients.trustAll().getSocketFactory())
                .build());
        c.connect();
        // The socket is TLS from the first byte, which Smack does not count as a secured stream.
        AccountManager.getInstance(c).sensitiveOperationOverInsecureConnection(true);
        return c;
    }


    private void register(String user, String password, String token) throws Exception {
        XMPPTCPConnection c = unauthenticated(user, password);
        try {
            AccountManager.getInstance(c).createAccount(Localpart.from(user), password,
                    token == null ? new HashMap<>() : new HashMap<>(Map.of("token", token)));
        } finally {
            c.disconnect();
        }
    }

    private StanzaError.Condition refusal(String user, String password, String token) {
        return catchThrowableOfType(XMPPErrorException.class, () -> register(user, password, token))
                .getStanzaError().getCondition();
    }

    private RawXmppSocket securedRawStream() throws Exception {
        RawXmppSocket s = RawXmppSocket.connect(listeners.port());
        s.send(header(DOMAIN));
        s.readUntil("</stream:features>", WAIT);
        s.startTls();
        s.send(header(DOMAIN));
        s.readUntil("</stream:features>", WAIT);
        return s;
    }

    private static String preauth(RawXmppSocket s, String id, String token) throws Exception {
        s.clear();
        s.send("<iq type='set' id='" + id + "' to='localhost'><preauth xmlns='urn:xmpp:pars:0' token='" + token
                + "'/></iq>");
        return s.readUntil("id=\"" + id + "\"", WAIT) + s.readUntil(">", Duration.ofMillis(300));
    }

    @Test
    void securedStreamOffersRegistrationAndTokenRegistrationFeatures() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN));
            s.readUntil("</stream:features>", WAIT);
            s.startTls();
            s.send(header(DOMAIN));
            String features = s.readUntil("</stream:features>", WAIT);
            assertThat(features).contains("<register xmlns=\"urn:xmpp:ibr-token:0\"")
                    .contains("<register xmlns=\"http://jabber.org/features/iq-register\"");
        }
    }

    @Test
    void preauthAcceptsAnOpenTokenWithoutUsingItAndRejectsUnknownOnes() throws Exception {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        try (RawXmppSocket s = securedRawStream()) {
            assertThat(preauth(s, "pa1", i.token())).contains("type=\"result\"");
            assertThat(preauth(s, "pa2", i.token())).as("checking does not use the invite").contains("type=\"result\"");
            String bad = preauth(s, "pa3", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            assertThat(bad + s.readUntil("</iq>", WAIT)).contains("type=\"error\"").contains("<item-not-found");
        }
    }

    @Test
    void registrationWithTheTokenCreatesAnAccountThatLogsIn() throws Exception {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        register("ibruser", "ibr-password-1", i.token());
        RawSessions.login(listeners.tlsPort(), "ibruser", "ibr-password-1").close();
        assertThat(refusal("ibruser2", "ibr-password-1", i.token())).as("single use")
                .isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    void registrationFormIsOfferedAndRegistrationWithoutTokenIsNotAllowed() throws Exception {
        XMPPTCPConnection c = unauthenticated("x", "y");
        try {
            assertThat(AccountManager.getInstance(c).getAccountAttributes()).contains("username", "password");
        } finally {
            c.disconnect();
        }
        assertThat(refusal("notoken", "some-password-1", null)).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(accounts.exists("notoken")).isFalse();
    }

    @Test
    void badInputGetsTheXep0077Errors() throws Exception {
        accounts.create("ibrtaken", "some-password-1", Role.USER);
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        assertThat(refusal("ibrtaken", "some-password-1", i.token())).isEqualTo(StanzaError.Condition.conflict);
        assertThat(refusal("ibrshort", "short", i.token())).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(refusal("ibrbad", "some-password-1", "forged")).isEqualTo(StanzaError.Condition.item_not_found);
        register("ibrgood", "some-password-1", i.token());
        assertThat(accounts.exists("ibrgood")).isTrue();
    }

    @Test
    void expiredAndRevokedTokensAreRefused() throws Exception {
        CreatedInvite revoked = invite(InviteKind.ACCOUNT, null, null);
        invites.revoke(revoked.invite().id());
        assertThat(refusal("ibrrevoked", "some-password-1", revoked.token())).isEqualTo(StanzaError.Condition.item_not_found);
        CreatedInvite expired = invite(InviteKind.ACCOUNT, null, null);
        clock.advance(Duration.ofDays(8));
        assertThat(refusal("ibrexpired", "some-password-1", expired.token())).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(accounts.exists("ibrexpired")).isFalse();
    }

    @Test
    void twoConcurrentRegistrationsWithASingleUseInviteCreateExactlyOneAccount() throws Exception {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        XMPPTCPConnection a = unauthenticated("racer1", "race-password-1");
        XMPPTCPConnection b = unauthenticated("racer2", "race-password-1");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Object[] c : new Object[][] {{a, "racer1"}, {b, "racer2"}}) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        AccountManager.getInstance((XMPPTCPConnection) c[0]).createAccount(
                                Localpart.from((String) c[1]), "race-password-1", new HashMap<>(Map.of("token", i.token())));
                        return true;
                    } catch (XMPPErrorException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> f : results) {
                created += f.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(accounts.exists("racer1") ^ accounts.exists("racer2")).isTrue();
        } finally {
            pool.shutdown();
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void contactInviteMakesInviterAndNewAccountMutualContacts() throws Exception {
        accounts.create("romeo", "romeo-password", Role.USER);
        try (RawXmppSocket romeo = RawSessions.login(listeners.tlsPort(), "romeo", "romeo-password")) {
            assertThat(RawSessions.roster(romeo)).doesNotContain("juliet");
            CreatedInvite i = invite(InviteKind.CONTACT, null, "romeo");
            assertThat(i.xmppUri()).isEqualTo("xmpp:romeo@localhost?roster;preauth=" + i.token() + ";ibr=y");
            romeo.clear();
            register("juliet", "juliet-password", i.token());

            // XEP-0401 §5.2: the inviter's interested resource gets a roster push.
            String push = romeo.readUntil("juliet@localhost", RawSessions.WAIT) + romeo.readUntil("/>", RawSessions.WAIT);
            assertThat(push).contains("jid=\"juliet@localhost\"").contains("subscription=\"both\"");
            try (RawXmppSocket juliet = RawSessions.login(listeners.tlsPort(), "juliet", "juliet-password")) {
                assertThat(RawSessions.roster(juliet)).contains("jid=\"romeo@localhost\"")
                        .contains("subscription=\"both\"");
            }
        }
    }

    @Test
    void passwordResetTokenSetsANewPasswordInBand() throws Exception {
        accounts.create("ibrforgot", "old-password-1", Role.USER);
        CreatedInvite i = invite(InviteKind.RESET, "ibrforgot", null);
        register("ibrforgot", "new-password-1", i.token());
        RawSessions.login(listeners.tlsPort(), "ibrforgot", "new-password-1").close();
    }

    private static String registerRaw(RawXmppSocket s, String id, String user, String password) throws Exception {
        s.clear();
        s.send("<iq type='set' id='" + id + "'><query xmlns='jabber:iq:register'><username>" + user + "</username>"
                + "<password>" + password + "</password></query></iq>");
        return s.readUntil("</iq>", WAIT);
    }

    @Test
    void preauthThenRegistrationWithoutTheTokenCreatesTheAccount() throws Exception {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        try (RawXmppSocket s = securedRawStream()) {
            assertThat(preauth(s, "pr1", i.token())).contains("type=\"result\"");
            // As Conversations and Snikket do: the registration does not repeat the token.
            assertThat(registerRaw(s, "pr2", "ibrpreauth", "ibr-password-1")).contains("type=\"result\"");
        }
        RawSessions.login(listeners.tlsPort(), "ibrpreauth", "ibr-password-1").close();
        assertThat(refusal("ibrpreauth2", "ibr-password-1", i.token())).as("the use was taken")
                .isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    void registrationWithoutTokenIsNotAllowedOnAStreamWithoutPreauthOrAfterAFailedOne() throws Exception {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        try (RawXmppSocket s = securedRawStream()) {
            assertThat(registerRaw(s, "np1", "ibrnopre", "ibr-password-1")).contains("<not-allowed");
        }
        try (RawXmppSocket s = securedRawStream()) {
            assertThat(preauth(s, "np2", i.token())).contains("type=\"result\"");
            preauth(s, "np3", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            s.readUntil("</iq>", WAIT);
            assertThat(registerRaw(s, "np4", "ibrnopre", "ibr-password-1")).contains("<not-allowed");
        }
        try (RawXmppSocket other = securedRawStream()) {
            assertThat(registerRaw(other, "np5", "ibrnopre", "ibr-password-1")).as("another stream knows no token")
                    .contains("<not-allowed");
        }
        assertThat(accounts.exists("ibrnopre")).isFalse();
    }

    @Test
    void aTokenPresentedBeforeItExpiredStillRegistersOnThatStream() throws Exception {
        CreatedInvite i = invites.create(new InviteRequest(InviteKind.ACCOUNT, null, null, null, "test",
                null, 1, Duration.ofHours(1), List.of()));
        try (RawXmppSocket s = securedRawStream()) {
            assertThat(preauth(s, "ex1", i.token())).contains("type=\"result\"");
            clock.advance(Duration.ofHours(2));
            // XEP-0445 §5: the expiry is checked when the token is presented.
            assertThat(registerRaw(s, "ex2", "ibrlate", "ibr-password-1")).contains("type=\"result\"");
        }
        assertThat(accounts.exists("ibrlate")).isTrue();
    }

    private static RawXmppSocket streamFrom(int tlsPort, String address) throws Exception {
        RawXmppSocket s = RawXmppSocket.connectTls(tlsPort, java.net.InetAddress.getByName(address));
        s.send(header(DOMAIN));
        s.readUntil("</stream:features>", WAIT);
        return s;
    }

    @Test
    void registrationFailuresFromOneAddressDoNotThrottleAnother() throws Exception {
        CreatedInvite i = invite(InviteKind.ACCOUNT, null, null);
        try (RawXmppSocket guesser = streamFrom(listeners.tlsPort(), "127.0.0.2")) {
            // KITH_INVITES_MAX_FAILURES is 10: ten wrong tokens, then the address is refused.
            for (int n = 0; n < 10; n++) {
                assertThat(guesser.exchange("<iq type='set' id='g" + n + "'><query xmlns='jabber:iq:register'>"
                        + "<username>ibrguess</username><password>ibr-password-1</password><token>guess" + n
                        + "</token></query></iq>", "</iq>")).contains("<item-not-found");
            }
            assertThat(preauth(guesser, "g10", i.token()) + guesser.readUntil("</iq>", WAIT))
                    .contains("<resource-constraint");
        }
        try (RawXmppSocket other = streamFrom(listeners.tlsPort(), "127.0.0.3")) {
            assertThat(preauth(other, "o1", i.token())).contains("type=\"result\"");
            assertThat(registerRaw(other, "o2", "ibrneighbour", "ibr-password-1")).contains("type=\"result\"");
        }
    }
}
