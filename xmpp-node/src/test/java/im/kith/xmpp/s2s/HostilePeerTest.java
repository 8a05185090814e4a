package im.kith.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.TestPki;
import im.kith.xmpp.transport.S2sListener;

/**
 * A raw socket plays a remote server that tries to get in without the right credentials: each attempt
 * ends in the precise SASL failure, dialback verdict or stream error, never in accepted stanzas.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = HostilePeers.class, restrictToAnnotatedClass = true)
class HostilePeerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOCAL = "localhost";
    private static final String EXTERNAL = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>";

    @Inject
    S2sListener listener;

    /** Opens a stream as {@code from}, negotiates TLS with {@code identity}, returns after the features. */
    private FakeServer secured(String from, TestPki.Issued identity) throws Exception {
        FakeServer peer = FakeServer.connect(listener.port());
        peer.send(FakeServer.header(from, LOCAL, null));
        assertThat(peer.readUntil("</stream:features>", WAIT)).contains("<starttls");
        peer.startTls(identity);
        peer.send(FakeServer.header(from, LOCAL, null));
        peer.readUntil("</stream:features>", WAIT);
        return peer;
    }

    @Test
    void externalIsRefusedWhenTheCertificateNamesAnotherDomain() throws Exception {
        TestPki.Issued other = HostilePeers.pki().issue("evil.test", List.of("other.test"), List.of());
        try (FakeServer peer = secured("evil.test", other)) {
            assertThat(peer.text()).doesNotContain("EXTERNAL").contains("urn:xmpp:features:dialback");
            peer.clear();
            peer.send(EXTERNAL);
            assertThat(peer.readUntil("</failure>", WAIT)).contains("<not-authorized/>");
        }
    }

    @Test
    void selfSignedCertificateIsRefusedForExternalAndForDialback() throws Exception {
        try (FakeServer peer = secured("selfsigned.test", TestPki.selfSigned("selfsigned.test"))) {
            assertThat(peer.text()).doesNotContain("EXTERNAL");
            peer.clear();
            peer.send(EXTERNAL);
            assertThat(peer.readUntil("</failure>", WAIT)).contains("<not-authorized/>");
            peer.clear();
            peer.send("<db:result from='selfsigned.test' to='localhost'>0123abcd</db:result>");
            assertThat(peer.readUntil("</db:result>", WAIT)).contains("type='error'").contains("<not-authorized");
        }
    }

    @Test
    void externalSucceedsWithAValidCertificateButASpoofedFromIsInvalidFrom() throws Exception {
        TestPki.Issued good = HostilePeers.pki().issue("decoy", List.of("good.test"), List.of());
        try (FakeServer peer = secured("good.test", good)) {
            assertThat(peer.text()).contains("<mechanism>EXTERNAL</mechanism>");
            peer.clear();
            peer.send(EXTERNAL);
            assertThat(peer.readUntil("<success", WAIT)).contains("<success");
            peer.clear();
            peer.send(FakeServer.header("good.test", LOCAL, null));
            peer.readUntil("</stream:features>", WAIT);
            peer.send("<message from='mallory@spoofed.test/x' to='romeo@localhost' type='chat'><body>hi</body></message>");
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<invalid-from");
            assertThat(peer.awaitClose(WAIT)).isTrue();
        }
    }

    @Test
    void xmppAddrIdentityIsAcceptedAndAStanzaForAForeignDomainIsHostUnknown() throws Exception {
        TestPki.Issued good = HostilePeers.pki().issue("decoy", List.of(), List.of("xmppaddr.test"));
        try (FakeServer peer = secured("xmppaddr.test", good)) {
            peer.clear();
            peer.send(EXTERNAL);
            assertThat(peer.readUntil("<success", WAIT)).contains("<success");
            peer.clear();
            peer.send(FakeServer.header("xmppaddr.test", LOCAL, null));
            peer.readUntil("</stream:features>", WAIT);
            peer.send("<message from='a@xmppaddr.test' to='b@elsewhere.test' type='chat'><body>hi</body></message>");
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<host-unknown");
        }
    }

    @Test
    void dialbackWithAForgedKeyIsRefusedAfterTheAuthoritativeServerDeniesIt() throws Exception {
        CompletableFuture<String> asked = CompletableFuture.supplyAsync(this::actAsHonestAuthoritativeServer);
        try (FakeServer peer = secured(HostilePeers.FORGER, TestPki.selfSigned(HostilePeers.FORGER))) {
            String id = peer.attribute("stream:stream", "id");
            assertThat(id).isNotBlank();
            peer.clear();
            peer.send("<db:result from='forger.test' to='localhost'>" + "f".repeat(64) + "</db:result>");
            String answer = peer.readUntil("</stream:stream>", Duration.ofSeconds(20));
            assertThat(answer).contains("type='invalid'").contains("<not-authorized");
            assertThat(asked.get(20, TimeUnit.SECONDS)).contains(id).contains("f".repeat(64));
        }
    }

    /** Answers the node's verification request for forger.test with "invalid"; returns the request. */
    private String actAsHonestAuthoritativeServer() {
        try (Socket s = HostilePeers.authoritative().accept(); FakeServer node = new FakeServer(s)) {
            node.readUntil("<stream:stream", WAIT);
            node.send(FakeServer.header(HostilePeers.FORGER, LOCAL, "auth1")
                    + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");
            node.readUntil("<starttls", WAIT);
            node.send("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            node.upgrade(TestPki.selfSigned(HostilePeers.FORGER), false);
            node.readUntil("<stream:stream", WAIT);
            node.send(FakeServer.header(HostilePeers.FORGER, LOCAL, "auth2")
                    + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
            String request = node.readUntil("</db:verify>", WAIT);
            String id = node.attribute("db:verify", "id");
            node.send("<db:verify from='forger.test' to='localhost' id='" + id + "' type='invalid'/>");
            node.readUntil("</stream:stream>", Duration.ofSeconds(2));
            return request;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unsolicitedDialbackVerdictIsRejected() throws Exception {
        try (FakeServer peer = secured("cheeky.test", TestPki.selfSigned("cheeky.test"))) {
            peer.clear();
            peer.send("<db:result from='cheeky.test' to='localhost' type='valid'/>");
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<not-authorized");
        }
    }

    @Test
    void verificationOfAKeyThisServerNeverIssuedIsInvalid() throws Exception {
        try (FakeServer peer = secured("asker.test", TestPki.selfSigned("asker.test"))) {
            peer.clear();
            peer.send("<db:verify from='asker.test' to='localhost' id='abc123'>" + "0".repeat(64) + "</db:verify>");
            String answer = peer.readUntil("/>", WAIT);
            assertThat(answer).contains("<db:verify").contains("id='abc123'").contains("type='invalid'");
        }
    }

    @Test
    void dialbackBeforeTlsIsAPolicyViolation() throws Exception {
        try (FakeServer peer = FakeServer.connect(listener.port())) {
            peer.send(FakeServer.header("plain.test", LOCAL, null));
            peer.readUntil("</stream:features>", WAIT);
            peer.send("<db:result from='plain.test' to='localhost'>abcd</db:result>");
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<policy-violation");
        }
    }

    @Test
    void blockedDomainIsRefusedAtTheStreamHeader() throws Exception {
        try (FakeServer peer = FakeServer.connect(listener.port())) {
            peer.send(FakeServer.header("blocked.test", LOCAL, null));
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<policy-violation");
        }
    }

    @Test
    void aStreamErrorFromThePeerIsAnsweredWithAClosingTagOnly() throws Exception {
        // As another Kith sends when it shuts down (RFC 6120 §4.9.1.1, §4.4).
        try (FakeServer peer = secured("selfsigned.test", TestPki.selfSigned("selfsigned.test"))) {
            peer.clear();
            peer.send("<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
            String answer = peer.readUntil("</stream:stream>", WAIT);
            assertThat(answer).contains("</stream:stream>").doesNotContain("<stream:error");
            assertThat(peer.awaitClose(WAIT)).isTrue();
        }
    }

    @Test
    void streamForADomainNotServedHereIsHostUnknown() throws Exception {
        try (FakeServer peer = FakeServer.connect(listener.port())) {
            peer.send(FakeServer.header("some.test", "not-here.test", null));
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<host-unknown");
        }
    }
}
