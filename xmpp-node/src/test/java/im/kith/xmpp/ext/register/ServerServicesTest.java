package im.kith.xmpp.ext.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import jakarta.inject.Inject;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.Coturn;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0077 password change and removal, XEP-0157 contact addresses and XEP-0215 TURN credentials. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ServerServicesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @TempDir
    Path workDir;

    @Test
    void userChangesPasswordInBandAndLogsInWithTheNewOne() throws Exception {
        accounts.create("changer", "old-password-123", Role.USER);
        XMPPTCPConnection c = XmppClients.login("localhost", listeners.port(), "changer", "old-password-123", "pc");
        AccountManager.getInstance(c).changePassword("new-password-456");
        c.disconnect();
        XMPPTCPConnection again = XmppClients.login("localhost", listeners.port(), "changer", "new-password-456", "pc");
        assertThat(again.isAuthenticated()).isTrue();
        again.disconnect();
    }

    @Test
    void tooShortPasswordIsNotAcceptable() throws Exception {
        accounts.create("shorty", "long-enough-pass", Role.USER);
        try (RawXmppSocket s = login("shorty", "long-enough-pass")) {
            s.send("<iq type='set' id='p1'><query xmlns='jabber:iq:register'><username>shorty</username>"
                    + "<password>short</password></query></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("type=\"error\"").contains("<not-acceptable");
        }
    }

    @Test
    void userRemovesTheAccountAndTheSessionEnds() throws Exception {
        accounts.create("leaver", "leaver-password", Role.USER);
        try (RawXmppSocket s = login("leaver", "leaver-password")) {
            s.send("<iq type='set' id='r1'><query xmlns='jabber:iq:register'><remove/></query></iq>");
            String text = s.readUntil("</stream:stream>", WAIT);
            assertThat(text).contains("type=\"result\"").contains("<not-authorized");
        }
        assertThat(accounts.exists("leaver")).isFalse();
    }

    @Test
    void serverAdvertisesContactAddressAndTurnWithTimeLimitedCredentials() throws Exception {
        accounts.create("caller", "caller-password", Role.USER);
        XMPPTCPConnection c = XmppClients.login("localhost", listeners.port(), "caller", "caller-password", "pc");
        try {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(JidCreate.domainBareFrom("localhost"));
            DataForm form = info.getExtension(DataForm.class);
            assertThat(form).isNotNull();
            assertThat(form.getField("admin-addresses").getValues()).extracting(Object::toString)
                    .containsExactly("mailto:admin@localhost");
            assertThat(info.containsFeature("urn:xmpp:extdisco:2")).isTrue();
        } finally {
            c.disconnect();
        }
        try (RawXmppSocket s = login("caller", "caller-password")) {
            s.send("<iq type='get' id='e1' to='localhost'><services xmlns='urn:xmpp:extdisco:2'/></iq>");
            String text = s.readUntil("</iq>", WAIT);
            assertThat(text).contains("type=\"stun\"").contains("type=\"turn\"").contains("host=\"turn.localhost\"");
            String username = text.replaceAll("(?s).*username=\"([^\"]+)\".*", "$1");
            String password = text.replaceAll("(?s).*password=\"([^\"]+)\".*", "$1");
            assertThat(username).endsWith(":caller");
            assertThat(password).isEqualTo(ExternalServicesFeatureAccess.hmac("turn-test-secret", username));
            assertThat(Long.parseLong(username.split(":")[0]))
                    .isGreaterThan(System.currentTimeMillis() / 1000 + 3600);
        }
    }

    @Test
    void turnOverTlsIsAdvertisedOnItsOwnPortOverTcp() throws Exception {
        accounts.create("secure-caller", "caller-password", Role.USER);
        try (RawXmppSocket s = login("secure-caller", "caller-password")) {
            s.send("<iq type='get' id='e2' to='localhost'><services xmlns='urn:xmpp:extdisco:2' type='turns'/></iq>");
            String text = s.readUntil("</iq>", WAIT);
            assertThat(text.split("<service ", -1)).hasSize(2);
            assertThat(text).contains("type=\"turns\"").contains("port=\"5349\"").contains("transport=\"tcp\"")
                    .contains("username=\"").doesNotContain("type=\"stun\"");
        }
    }

    @Test
    void coturnRelaysForTheCredentialsTheServerHandsOut() throws Exception {
        Assumptions.assumeTrue(Coturn.installed(), Coturn.MISSING);
        accounts.create("relayed", "caller-password", Role.USER);
        String text;
        try (RawXmppSocket s = login("relayed", "caller-password")) {
            s.send("<iq type='get' id='e3' to='localhost'><services xmlns='urn:xmpp:extdisco:2' type='turn'/></iq>");
            text = s.readUntil("</iq>", WAIT);
        }
        String username = text.replaceAll("(?s).*username=\"([^\"]+)\".*", "$1");
        String password = text.replaceAll("(?s).*password=\"([^\"]+)\".*", "$1");
        try (Coturn coturn = Coturn.start(workDir.resolve("coturn"), "turn-test-secret", null, null)) {
            assertThat(coturn.relaysWith(username, password)).as("coturn log:%n%s", coturn.log()).isTrue();
            assertThat(coturn.relaysWith(username, "x" + password)).isFalse();
        }
    }

    private RawXmppSocket login(String user, String password) throws Exception {
        return RawXmppSocket.login(listeners.port(), "localhost", user, password, null);
    }

    /** Computes the expected TURN password the way coturn checks it. */
    static final class ExternalServicesFeatureAccess {
        static String hmac(String secret, String username) throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes()));
        }
    }
}
