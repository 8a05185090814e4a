package im.kith.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

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
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.transport.S2sListener;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0288 byte by byte: a raw socket plays the other server, once as the server that connects to the
 * node (the node offers bidi, and answers over the peer's own connection once the peer asked for it
 * and authenticated), once as the server the node connects to (the node asks for bidi when offered,
 * and then accepts the peer's stanzas on its outgoing stream, with the usual address checks).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = HostilePeers.class, restrictToAnnotatedClass = true)
class BidiStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOCAL = "localhost";
    private static final String EXTERNAL = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>";
    private static final String PING = "<iq type='get' id='ping1' from='juliet@%s/balcony' to='localhost'>"
            + "<ping xmlns='urn:xmpp:ping'/></iq>";

    @Inject
    S2sListener listener;

    @Inject
    Router router;

    @Inject
    FederationStatus status;

    /** What a test does between SASL success and the restart of the stream. */
    @FunctionalInterface
    private interface BeforeRestart {
        void run(FakeServer peer) throws Exception;
    }

    private FakeServer authenticated(String domain, boolean askForBidi) throws Exception {
        return authenticated(domain, askForBidi, peer -> { });
    }

    /** Connects as {@code domain} with a certificate from the trusted CA and authenticates by SASL EXTERNAL. */
    private FakeServer authenticated(String domain, boolean askForBidi, BeforeRestart beforeRestart) throws Exception {
        TestPki.Issued identity = HostilePeers.pki().issue("decoy", List.of(domain), List.of());
        FakeServer peer = FakeServer.connect(listener.port());
        peer.send(FakeServer.header(domain, LOCAL, null));
        assertThat(peer.readUntil("</stream:features>", WAIT)).as("features before TLS")
                .contains("<bidi xmlns='urn:xmpp:features:bidi'/>");
        peer.startTls(identity);
        peer.send(FakeServer.header(domain, LOCAL, null));
        assertThat(peer.readUntil("</stream:features>", WAIT)).as("features after TLS")
                .contains("<bidi xmlns='urn:xmpp:features:bidi'/>").contains("EXTERNAL");
        peer.clear();
        peer.send((askForBidi ? "<bidi xmlns='urn:xmpp:bidi'/>" : "") + EXTERNAL);
        assertThat(peer.readUntil("<success", WAIT)).contains("<success");
        peer.clear();
        beforeRestart.run(peer);
        peer.send(FakeServer.header(domain, LOCAL, null));
        peer.readUntil("</stream:features>", WAIT);
        peer.clear();
        return peer;
    }

    @Test
    void afterSaslSuccessNothingIsSentBeforeTheStreamRestarts() throws Exception {
        // XEP-0288 §2.2: a stanza sent between <success/> and the restart would be lost with the old stream.
        try (FakeServer peer = authenticated("restart.test", true, p -> {
            routeMessage("juliet@restart.test", "Too early");
            assertThat(p.readUntil("</message>", Duration.ofSeconds(2))).doesNotContain("Too early");
        })) {
            peer.send(PING.formatted("restart.test"));
            assertThat(peer.readUntil("</iq>", WAIT)).contains("type=\"result\"");
        }
    }

    @Test
    void aPeerThatAskedForBidiGetsTheAnswerToItsPingOverItsOwnConnection() throws Exception {
        try (FakeServer peer = authenticated("twoway.test", true)) {
            peer.send(PING.formatted("twoway.test"));
            // twoway.test has no address the node could connect to: the answer can only come back here.
            String answer = peer.readUntil("</iq>", WAIT);
            assertThat(answer).contains("type=\"result\"").contains("id=\"ping1\"").contains("to=\"juliet@twoway.test/balcony\"");
            DomainStatus s = status.domain("twoway.test");
            assertThat(s.bidi()).isTrue();
            assertThat(s.outbound()).isTrue();
            assertThat(s.outboundAuth()).isEqualTo("SASL EXTERNAL");
        }
        ProsodyFederationTest.eventually(() -> assertThat(status.domain("twoway.test").outbound())
                .as("no outgoing route once the bidirectional stream is closed").isFalse());
    }

    @Test
    void withoutTheRequestNothingIsSentOnThePeersConnection() throws Exception {
        try (FakeServer peer = authenticated("oneway.test", false)) {
            peer.send(PING.formatted("oneway.test"));
            assertThat(peer.readUntil("</iq>", Duration.ofSeconds(3))).doesNotContain("<iq");
            assertThat(status.domain("oneway.test").bidi()).isFalse();
        }
    }

    @Test
    void askingForBidiBeforeTlsIsAPolicyViolation() throws Exception {
        try (FakeServer peer = FakeServer.connect(listener.port())) {
            peer.send(FakeServer.header("early.test", LOCAL, null));
            peer.readUntil("</stream:features>", WAIT);
            peer.send("<bidi xmlns='urn:xmpp:bidi'/>");
            assertThat(peer.readUntil("</stream:stream>", WAIT)).contains("<policy-violation");
        }
    }

    @Test
    void theNodeAsksForBidiWhenOfferedAndAcceptsThePeersStanzasOnItsOutgoingStream() throws Exception {
        try (FakeServer node = pingAfterAMessageToReceiver(true)) {
            // The reverse pair, receiver.test -> localhost: routed, and the answer comes back here.
            assertThat(node.readUntil("</iq>", WAIT)).contains("type=\"result\"").contains("id=\"ping1\"");
            DomainStatus s = status.domain(HostilePeers.RECEIVER);
            assertThat(s.bidi()).isTrue();
            assertThat(s.inbound()).as("the outgoing stream counts as incoming too").isPositive();
            node.clear();
            // Only the reverse of the authenticated pair: another 'from' domain ends the stream.
            node.send("<message from='mallory@elsewhere.test/x' to='romeo@localhost' type='chat'><body>hi</body></message>");
            assertThat(node.readUntil("</stream:stream>", WAIT)).contains("<invalid-from");
        }
    }

    @Test
    void withoutTheOfferTheNodeDoesNotAskAndRefusesThePeersStanzas() throws Exception {
        try (FakeServer node = pingAfterAMessageToReceiver(false)) {
            assertThat(node.readUntil("</stream:stream>", WAIT)).contains("<unsupported-stanza-type");
        }
    }

    /**
     * A message to receiver.test makes the node open a stream, played by {@link #receive}; once the
     * message arrived, the peer sends a ping to the node on that stream.
     */
    private FakeServer pingAfterAMessageToReceiver(boolean offerBidi) throws Exception {
        CompletableFuture<FakeServer> accepted = receive(offerBidi);
        String body = "Hello, bidi " + (offerBidi ? "offered" : "not offered");
        routeMessage("juliet@" + HostilePeers.RECEIVER, body);
        FakeServer node = accepted.get(20, TimeUnit.SECONDS);
        assertThat(node.readUntil("</message>", WAIT)).contains(body);
        node.clear();
        node.send(PING.formatted(HostilePeers.RECEIVER));
        return node;
    }

    private static void closeQuietly(FakeServer node) {
        try {
            if (node != null) {
                node.close();
            }
        } catch (java.io.IOException ignored) {
            // already closed
        }
    }

    private void routeMessage(String to, String body) {
        router.route(Stanza.of(Element.builder("message", Ns.CLIENT).attribute("from", "romeo@localhost/desk")
                .attribute("to", to).attribute("type", "chat").textChild("body", body).build()));
    }

    /**
     * Plays receiver.test for the node's next outgoing stream, up to and including a valid dialback
     * verdict, offering bidi or not; checks that the node asks for it exactly when offered, before
     * dialback (XEP-0288 §2.2).
     */
    private static CompletableFuture<FakeServer> receive(boolean offerBidi) {
        String bidi = offerBidi ? "<bidi xmlns='urn:xmpp:features:bidi'/>" : "";
        return CompletableFuture.supplyAsync(() -> {
            FakeServer node = null;
            try {
                node = new FakeServer(HostilePeers.receiver().accept());
                node.readUntil("<stream:stream", WAIT);
                node.send(FakeServer.header(HostilePeers.RECEIVER, LOCAL, "r1") + "<stream:features>"
                        + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>" + bidi
                        + "</stream:features>");
                String beforeTls = node.readUntil("<starttls", WAIT);
                assertThat(beforeTls).as("no request before TLS").doesNotContain("urn:xmpp:bidi");
                node.send("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
                node.upgrade(HostilePeers.pki().issue("decoy", List.of(HostilePeers.RECEIVER), List.of()), false);
                node.readUntil("<stream:stream", WAIT);
                node.send(FakeServer.header(HostilePeers.RECEIVER, LOCAL, "r2") + "<stream:features>"
                        + "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>" + bidi
                        + "</stream:features>");
                String request = node.readUntil("</db:result>", WAIT);
                if (offerBidi) {
                    assertThat(request).contains("<bidi xmlns='urn:xmpp:bidi'/>");
                    assertThat(request.indexOf("urn:xmpp:bidi")).as("bidi asked for before dialback")
                            .isLessThan(request.indexOf("<db:result"));
                } else {
                    assertThat(request).doesNotContain("urn:xmpp:bidi");
                }
                node.clear();
                node.send("<db:result from='" + HostilePeers.RECEIVER + "' to='localhost' type='valid'/>");
                return node;
            } catch (Exception | AssertionError e) {
                closeQuietly(node); // so that the node's route starts afresh for the next test
                throw new IllegalStateException(e);
            }
        });
    }
}
