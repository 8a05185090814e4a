package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** BOSH (XEP-0124, XEP-0206) against the running node with raw HTTP requests. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoshTest {
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"bosh-romeo", "bosh-juliet"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-secret-pass", Role.USER);
            }
        }
    }

    private static String plain(String user) {
        return "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + Base64.getEncoder().encodeToString(
                ("\0" + user + "\0" + user + "-secret-pass").getBytes(StandardCharsets.UTF_8)) + "</auth>";
    }

    @Test
    void sessionIsCreatedAuthenticatedBoundAndCarriesMessagesUntilTerminated() throws Exception {
        XMPPTCPConnection juliet = XmppClients.login("localhost", listeners.port(), "bosh-juliet",
                "bosh-juliet-secret-pass", "garden");
        try {
            BlockingQueue<Stanza> inbox = new ArrayBlockingQueue<>(10);
            juliet.addAsyncStanzaListener(inbox::add, s -> s instanceof Message);
            BoshPeer romeo = new BoshPeer(https.getPort());

            String created = romeo.create(10);
            assertThat(romeo.sid()).hasSizeGreaterThanOrEqualTo(22); // at least 128 bits
            assertThat(created).contains("wait='10'").contains("hold='1'").contains("requests='2'")
                    .contains("from='localhost'").contains("authid='").contains("xmpp:version='1.0'")
                    .contains("<mechanism>PLAIN</mechanism>").doesNotContain("starttls");
            assertThat(romeo.send(plain("bosh-romeo"))).contains("<success");
            assertThat(romeo.restart()).contains("urn:ietf:params:xml:ns:xmpp-bind");
            assertThat(romeo.send("<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns="
                    + "'urn:ietf:params:xml:ns:xmpp-bind'><resource>web</resource></bind></iq>"))
                    .contains("<jid>bosh-romeo@localhost/web</jid>");

            CompletableFuture<HttpResponse<String>> sending = romeo.postAsync(romeo.request("",
                    "<message xmlns='jabber:client' to='bosh-juliet@localhost/garden' type='chat'>"
                            + "<body>Wherefore art thou?</body></message>"));
            Message received = (Message) inbox.poll(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.getBody()).isEqualTo("Wherefore art thou?");
            assertThat(received.getFrom().toString()).isEqualTo("bosh-romeo@localhost/web");
            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from("bosh-romeo@localhost/web")).ofType(Message.Type.chat).setBody("Here.").build());
            // The held request carries the reply, qualified by jabber:client (XEP-0206 §4).
            assertThat(sending.get(10, TimeUnit.SECONDS).body()).contains("<message xmlns='jabber:client'")
                    .contains("<body>Here.</body>");

            String terminated = romeo.post(romeo.request(" type='terminate'",
                    "<presence xmlns='jabber:client' type='unavailable'/>")).body();
            assertThat(terminated).contains("type='terminate'");
            assertThat(romeo.send("")).contains("type='terminate'").contains("condition='item-not-found'");
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void emptyRequestIsHeldForWaitSecondsAndANewerOneReleasesIt() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        peer.create(2);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> first = peer.postAsync(peer.request("", ""));
        Thread.sleep(300);
        assertThat(first).isNotDone();
        CompletableFuture<HttpResponse<String>> second = peer.postAsync(peer.request("", ""));
        // hold='1': the newer request takes the place of the older, which is answered at once.
        assertThat(first.get(1, TimeUnit.SECONDS).body()).isEqualTo("<body xmlns='" + BoshPeer.NS
                + "' xmlns:stream='http://etherx.jabber.org/streams'/>");
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1900);
    }

    @Test
    void requestBeyondTheRidWindowEndsTheSessionWithItemNotFound() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        peer.create(5);

        String response = peer.post(peer.withRid(peer.lastRid() + 5, "", "")).body();

        assertThat(response).contains("type='terminate'").contains("condition='item-not-found'");
        assertThat(peer.send("")).contains("condition='item-not-found'");
    }

    @Test
    void repeatedRidGetsTheSameResponseAgain() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        peer.create(5);
        String request = peer.request("", plain("bosh-romeo"));
        String first = peer.post(request).body();

        assertThat(first).contains("<success");
        assertThat(peer.post(request).body()).isEqualTo(first);
    }

    @Test
    void earlyRequestWaitsForTheGapToFill() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        peer.create(5);
        long rid = peer.lastRid();
        CompletableFuture<HttpResponse<String>> later = peer.postAsync(peer.withRid(rid + 2, "", ""));
        Thread.sleep(300);
        assertThat(later).isNotDone();

        String auth = peer.post(peer.withRid(rid + 1, "", plain("bosh-romeo"))).body();

        // Both are processed in order; with hold='1' the older is answered first and the SASL outcome
        // rides on whichever request is held when it is ready.
        assertThat(auth + later.get(10, TimeUnit.SECONDS).body()).contains("<success");
    }

    @Test
    void unknownSessionIsItemNotFound() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        String response = peer.post("<body rid='5' sid='no-such-session' xmlns='" + BoshPeer.NS + "'/>").body();

        assertThat(response).contains("type='terminate'").contains("condition='item-not-found'");
    }

    @Test
    void malformedRequestIsABadRequest() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        for (String body : new String[] {"<body rid='1' xmlns='" + BoshPeer.NS + "'", "<wrapper rid='1'/>",
                "<body xmlns='" + BoshPeer.NS + "' to='localhost'/>", ""}) {
            HttpResponse<String> response = peer.post(body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).contains("condition='bad-request'");
        }
    }

    @Test
    void oversizedStanzaBeforeAuthenticationEndsTheStreamWithAPolicyViolation() throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        peer.create(5);

        String response = peer.send("<message xmlns='jabber:client'><body>" + "a".repeat(64 * 1024)
                + "</body></message>");

        assertThat(response).contains("type='terminate'").contains("condition='remote-stream-error'")
                .contains("<policy-violation");
    }

    @Test
    void corsPreflightAllowsBrowserClients() throws Exception {
        HttpResponse<String> response = new BoshPeer(https.getPort()).options("https://chat.example");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                v -> assertThat(v).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                v -> assertThat(v).contains("Content-Type"));
    }
}
