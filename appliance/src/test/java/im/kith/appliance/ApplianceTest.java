package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.acme.AcmeStatusView;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.status.NodeStatusSource;
import im.kith.xmpp.tls.TlsMaterialSource;
import im.kith.xmpp.transport.C2sListeners;

/** The assembled application: every module starts together and the wiring between them works. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ApplianceTest {

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    AdminAlerts alerts;

    @Inject
    NodeStatusSource status;

    @Inject
    AcmeStatusView acme;

    @Inject
    TlsMaterialSource tls;

    @Test
    void adminsGetAnXmppMessageWhenTheServerNeedsThem() throws Exception {
        accounts.create("admin", "admin-passphrase", Role.ADMIN);
        XMPPTCPConnection admin = XmppClients.login("localhost", listeners.port(), "admin", "admin-passphrase", "pc");
        try {
            BlockingQueue<Stanza> inbox = new ArrayBlockingQueue<>(4);
            admin.addAsyncStanzaListener(inbox::add, s -> s instanceof Message);
            admin.sendStanza(admin.getStanzaFactory().buildPresenceStanza().build());
            Thread.sleep(300);
            alerts.notifyAdmins("certificate trouble");
            Message m = (Message) inbox.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.getFrom().toString()).isEqualTo("localhost");
            assertThat(m.getBody()).isEqualTo("certificate trouble");
        } finally {
            admin.disconnect();
        }
    }

    @Test
    void statusReportsListenersSessionsAndCertificate() {
        var s = status.current();
        assertThat(s.domain()).isEqualTo("localhost");
        assertThat(s.listeners()).anySatisfy(l -> assertThat(l).contains(":" + listeners.port()));
        assertThat(s.certificateNotAfter()).isPresent();
        assertThat(acme.status().state().toString()).isEqualTo("DISABLED");
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Inject
    im.kith.xmpp.admin.AdminToken token;

    @Test
    void kithctlStatusShowsTheCertificateManagersState() throws Exception {
        String text = io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + java.nio.file.Files.readString(token.file()).strip())
                .header("Accept", "text/plain").get("http://127.0.0.1:" + management.getPort() + "/kith/api/status")
                .then().statusCode(200).extract().asString();
        assertThat(text).contains("\nacme:\n  state: DISABLED").contains("\n  last error: ");
    }

    @Test
    void reloadingTheCertificateKeepsConnectedClients() throws Exception {
        accounts.create("keeper", "keeper-passphrase", Role.USER);
        XMPPTCPConnection c = XmppClients.login("localhost", listeners.port(), "keeper", "keeper-passphrase", "pc");
        try {
            tls.reload();
            assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(c).pingMyServer(true, 5000)).isTrue();
            XMPPTCPConnection fresh = XmppClients.login("localhost", listeners.port(), "keeper", "keeper-passphrase", "new");
            fresh.disconnect();
        } finally {
            c.disconnect();
        }
    }
}
