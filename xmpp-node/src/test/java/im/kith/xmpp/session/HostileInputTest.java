package im.kith.xmpp.session;

import static im.kith.testkit.RawXmppSocket.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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

/**
 * Bad input over real sockets: each case gets the error RFC 6120 prescribes, and the node keeps
 * serving an honest client afterwards.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String DOMAIN = "localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccount() {
        if (accounts.find("hostile").isEmpty()) {
            accounts.create("hostile", "correct horse battery", Role.USER);
        }
    }

    @AfterEach
    void nodeStillServesHonestClients() throws Exception {
        try (RawXmppSocket honest = RawXmppSocket.connect(listeners.port())) {
            honest.send(header(DOMAIN));
            assertThat(honest.readUntil("</stream:features>", WAIT)).contains("<starttls");
        }
    }

    private String streamError(RawXmppSocket s) throws Exception {
        String text = s.readUntil("</stream:error>", WAIT);
        assertThat(s.awaitClose(WAIT)).as("server closes after a stream error").isTrue();
        return text;
    }

    @Test
    void billionLaughsIsRefusedAsRestrictedXml() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 "
                    + "'&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><stream:stream to='localhost' version='1.0' "
                    + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>&lol2;");
            assertThat(streamError(s)).contains("<restricted-xml");
        }
    }

    @Test
    void doctypeIsRefusedAsRestrictedXml() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send("<?xml version='1.0'?><!DOCTYPE stream SYSTEM 'file:///etc/passwd'>" + header(DOMAIN));
            assertThat(streamError(s)).contains("<restricted-xml");
        }
    }

    @Test
    void commentInsideTheStreamIsRefusedAsRestrictedXml() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN) + "<!-- hello -->");
            assertThat(streamError(s)).contains("<restricted-xml");
        }
    }

    @Test
    void oversizedStanzaBeforeAuthenticationIsAPolicyViolation() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN) + "<message><body>" + "a".repeat(64 * 1024));
            assertThat(streamError(s)).contains("<policy-violation");
        }
    }

    @Test
    void oversizedStanzaAfterAuthenticationIsAPolicyViolation() throws Exception {
        try (RawXmppSocket s = authenticated()) {
            s.send("<message to='hostile@localhost'><body>" + "a".repeat(300 * 1024) + "</body></message>");
            assertThat(streamError(s)).contains("<policy-violation");
        }
    }

    @Test
    void deepNestingIsAPolicyViolation() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN) + "<a>".repeat(10_000));
            assertThat(streamError(s)).contains("<policy-violation");
        }
    }

    @Test
    void tooManyAttributesIsAPolicyViolation() throws Exception {
        StringBuilder sb = new StringBuilder("<message");
        for (int i = 0; i < 10_000; i++) {
            sb.append(" a").append(i).append("='x'");
        }
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN) + sb + "/>");
            assertThat(streamError(s)).contains("<policy-violation");
        }
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.send("<message to='hostile@localhost'><body>hi</body></message>");
            assertThat(streamError(s)).contains("<not-authorized");
        }
    }

    @Test
    void plainBeforeTlsIsRefusedWithEncryptionRequired() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGhvc3RpbGUAeA==</auth>");
            assertThat(s.readUntil("</failure>", WAIT)).contains("<encryption-required/>");
        }
    }

    @Test
    void wrongPasswordIsNotAuthorized() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.startTls().send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            String token = java.util.Base64.getEncoder().encodeToString("\0hostile\0wrong".getBytes());
            s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
            assertThat(s.readUntil("</failure>", WAIT)).contains("<not-authorized/>");
        }
    }

    @Test
    void unknownHostIsRefused() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header("elsewhere.example"));
            assertThat(streamError(s)).contains("<host-unknown");
        }
    }

    @Test
    void plaintextInjectedAfterStarttlsIsRefused() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><message to='hostile@localhost'/>");
            String text = streamError(s);
            assertThat(text).contains("<policy-violation").doesNotContain("<proceed");
        }
    }

    @Test
    void secondStarttlsFails() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.startTls().send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            assertThat(s.readUntil("<failure", WAIT)).contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            assertThat(s.awaitClose(WAIT)).isTrue();
        }
    }

    @Test
    void invalidJidGetsJidMalformed() throws Exception {
        try (RawXmppSocket s = authenticated()) {
            s.send("<message id='m1' to='a@b@c@'><body>x</body></message>");
            assertThat(s.readUntil("</message>", WAIT)).contains("<jid-malformed");
        }
    }

    @Test
    void spoofedFromIsInvalidFrom() throws Exception {
        try (RawXmppSocket s = authenticated()) {
            s.send("<message from='someone@localhost/x' to='hostile@localhost'><body>x</body></message>");
            assertThat(streamError(s)).contains("<invalid-from");
        }
    }

    @Test
    void unhandledIqGetsServiceUnavailable() throws Exception {
        try (RawXmppSocket s = authenticated()) {
            s.send("<iq type='get' id='q1' to='localhost'><query xmlns='urn:example:unknown'/></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("type=\"error\"").contains("<service-unavailable");
        }
    }

    @Test
    void nonUtf8InputIsRefused() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.connect(listeners.port())) {
            s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
            s.send(new byte[] {'<', 'm', (byte) 0xC3, (byte) 0x28, '/', '>'});
            assertThat(streamError(s)).containsAnyOf("<unsupported-encoding", "<not-well-formed");
        }
    }

    private RawXmppSocket authenticated() throws Exception {
        RawXmppSocket s = RawXmppSocket.connect(listeners.port());
        s.send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
        s.startTls().send(header(DOMAIN)).readUntil("</stream:features>", WAIT);
        s.plainAuth(DOMAIN, "hostile", "correct horse battery");
        s.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        assertThat(s.readUntil("</iq>", WAIT)).contains("<jid>hostile@localhost/");
        s.clear();
        return s;
    }
}
