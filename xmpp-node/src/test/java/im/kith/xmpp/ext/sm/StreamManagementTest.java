package im.kith.xmpp.ext.sm;

import static im.kith.testkit.RawXmppSocket.header;
import static im.kith.xmpp.ext.sm.RawClient.DOMAIN;
import static im.kith.xmpp.ext.sm.RawClient.SM;
import static im.kith.xmpp.ext.sm.RawClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;

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

/** XEP-0198 enabling and acknowledgements over a raw stream, with the errors of §3 and §6. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamManagementTest {
    private static final String PING = "<iq type='get' to='localhost' id='%s'><ping xmlns='urn:xmpp:ping'/></iq>";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccount() {
        if (accounts.find("acker").isEmpty()) {
            accounts.create("acker", "acker-secret-pass", Role.USER);
        }
    }

    @Test
    void smAndCsiAreOfferedOnceAuthenticated() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN));
            assertThat(s.readUntil("</stream:features>", WAIT)).doesNotContain(SM);
            s.startTls();
            s.send(header(DOMAIN));
            // Only as a SASL2 inline feature (XEP-0388 §2.1), resumed with the authentication itself.
            assertThat(s.readUntil("</stream:features>", WAIT).replaceAll("<authentication.*</authentication>", ""))
                    .doesNotContain(SM);
            s.clear();
            String token = Base64.getEncoder().encodeToString("\0acker\0acker-secret-pass".getBytes(StandardCharsets.UTF_8));
            s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
            s.readUntil("<success", WAIT);
            s.clear();
            s.send(header(DOMAIN));
            String features = s.readUntil("</stream:features>", WAIT);
            assertThat(features).contains("<sm xmlns=\"urn:xmpp:sm:3\"/>").contains("<csi xmlns=\"urn:xmpp:csi:0\"/>");
        }
    }

    @Test
    void serverAcknowledgesEachHandledStanzaWhenAsked() throws Exception {
        try (RawXmppSocket s = RawClient.bound(listeners.port(), "acker", "acker-secret-pass", "counting")) {
            s.send("<enable xmlns='" + SM + "'/>");
            assertThat(s.readUntil("<enabled", WAIT)).contains("<enabled xmlns=\"urn:xmpp:sm:3\"/>");
            s.clear();
            s.send(PING.formatted("p1") + PING.formatted("p2") + "<r xmlns='" + SM + "'/>");
            assertThat(s.readUntil("<a ", WAIT) + s.readUntil("/>", WAIT))
                    .contains("<a xmlns=\"urn:xmpp:sm:3\" h=\"2\"/>");
            s.clear();
            s.send(PING.formatted("p3") + "<r xmlns='" + SM + "'/>");
            assertThat(s.readUntil("h=\"3\"", WAIT)).contains("h=\"3\"");
            // The server sent three results; acknowledging them is fine and the stream stays open.
            s.send("<a xmlns='" + SM + "' h='3'/>" + PING.formatted("p4"));
            assertThat(s.readUntil("id=\"p4\"", WAIT)).contains("id=\"p4\"");
        }
    }

    @Test
    void acknowledgingMoreThanWasSentIsHandledCountTooHigh() throws Exception {
        try (RawXmppSocket s = RawClient.bound(listeners.port(), "acker", "acker-secret-pass", "too-high")) {
            s.send("<enable xmlns='" + SM + "'/>");
            s.readUntil("<enabled", WAIT);
            s.send(PING.formatted("p1"));
            s.readUntil("id=\"p1\"", WAIT);
            s.clear();
            s.send("<a xmlns='" + SM + "' h='5'/>");
            String error = s.readUntil("</stream:error>", WAIT);
            assertThat(error).contains("<undefined-condition")
                    .contains("<handled-count-too-high xmlns=\"urn:xmpp:sm:3\" h=\"5\" send-count=\"1\"/>");
            assertThat(s.awaitClose(WAIT)).isTrue();
        }
    }

    @Test
    void enableBeforeBindingAndASecondEnableFailWithUnexpectedRequest() throws Exception {
        try (RawXmppSocket s = RawClient.authenticated(listeners.port(), "acker", "acker-secret-pass")) {
            s.send("<enable xmlns='" + SM + "'/>");
            assertThat(s.readUntil("</failed>", WAIT)).contains("<failed xmlns=\"urn:xmpp:sm:3\">")
                    .contains("<unexpected-request xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
            s.clear();
            RawClient.bind(s, "twice");
            s.send("<enable xmlns='" + SM + "'/>");
            assertThat(s.readUntil("<enabled", WAIT)).contains("<enabled");
            s.clear();
            s.send("<enable xmlns='" + SM + "'/>");
            assertThat(s.readUntil("</failed>", WAIT)).contains("<unexpected-request");
        }
    }

    @Test
    void ackRequestBeforeEnablingFails() throws Exception {
        try (RawXmppSocket s = RawClient.bound(listeners.port(), "acker", "acker-secret-pass", "early")) {
            s.send("<r xmlns='" + SM + "'/>");
            assertThat(s.readUntil("</failed>", WAIT)).contains("<unexpected-request");
        }
    }

    @Test
    void malformedAckIsABadFormatStreamError() throws Exception {
        try (RawXmppSocket s = RawClient.bound(listeners.port(), "acker", "acker-secret-pass", "malformed")) {
            s.send("<enable xmlns='" + SM + "'/>");
            s.readUntil("<enabled", WAIT);
            s.send("<a xmlns='" + SM + "' h='4294967296'/>");
            assertThat(s.readUntil("</stream:error>", WAIT)).contains("<bad-format");
        }
    }
}
