package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.acme.AcmeState;
import im.kith.acme.AcmeStatus;
import im.kith.acme.AcmeStatusView;
import im.kith.acme.CertificateManager;
import im.kith.testkit.Pebble;
import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * The whole appliance against a real ACME CA (Pebble): the certificate is obtained after start-up, served
 * on the direct-TLS client port with a chain a verifying client accepts for the domain, and a forced
 * renewal swaps it in while a logged-in XMPP session stays connected and keeps working.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@WithTestResource(PebbleCa.class)
class AcmeCertificateTest {
    private static final Duration SETTLE = Duration.ofMinutes(2);

    @Inject
    C2sListeners listeners;

    @Inject
    AcmeStatusView acme;

    @Inject
    CertificateManager certificates;

    @Inject
    AccountService accounts;

    @BeforeEach
    void needsPebble() {
        Assumptions.assumeTrue(Pebble.installed(), Pebble.MISSING);
    }

    @Test
    void directTlsServesTheIssuedChainAndARenewalSwapsItUnderALiveSession() throws Exception {
        AcmeStatus obtained = awaitSettled();
        assertThat(obtained.state()).as("ACME status %s", obtained).isEqualTo(AcmeState.VALID);
        assertThat(obtained.names()).containsExactly("kith.test", "groups.kith.test", "share.kith.test");

        X509Certificate first = verifiedLeaf();
        assertThat(first.getIssuerX500Principal().getName()).contains("Pebble Intermediate CA");

        accounts.create("keeper", "keeper-pass-phrase", Role.USER);
        XMPPTCPConnection session = XmppClients.loginDirectTls(PebbleCa.DOMAIN, listeners.tlsPort(), "keeper",
                "keeper-pass-phrase", "phone");
        try {
            AcmeStatus renewed = certificates.renewNow().toCompletableFuture().get(2, TimeUnit.MINUTES);
            assertThat(renewed.state()).as("ACME status %s", renewed).isEqualTo(AcmeState.VALID);

            X509Certificate second = awaitNewLeaf(first);
            assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(second.getIssuerX500Principal().getName()).contains("Pebble Intermediate CA");

            // The session opened under the old certificate still carries stanzas.
            BlockingQueue<Stanza> inbox = new ArrayBlockingQueue<>(4);
            session.addAsyncStanzaListener(inbox::add, s -> s instanceof Message);
            session.sendStanza(session.getStanzaFactory().buildPresenceStanza().build()); // available: deliver, don't store
            session.sendStanza(session.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom("keeper@" + PebbleCa.DOMAIN)).setBody("still here").build());
            Stanza echoed = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(session.isConnected()).isTrue();
            assertThat(echoed).isInstanceOf(Message.class);
            assertThat(((Message) echoed).getBody()).isEqualTo("still here");
        } finally {
            session.disconnect();
        }
    }

    /** Handshakes like an XMPP client would (SNI and host name check for the domain, Pebble's root trusted). */
    private X509Certificate verifiedLeaf() throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("pebble-root", PebbleCa.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", listeners.tlsPort()), 5000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(PebbleCa.DOMAIN)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 DNS-ID check, as XMPP clients do
            parameters.setApplicationProtocols(new String[] {"xmpp-client"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private X509Certificate awaitNewLeaf(X509Certificate old) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        X509Certificate current = verifiedLeaf();
        while (current.getSerialNumber().equals(old.getSerialNumber()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            current = verifiedLeaf();
        }
        return current;
    }

    private AcmeStatus awaitSettled() throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        AcmeStatus status = acme.status();
        while (Instant.now().isBefore(deadline)
                && status.state() != AcmeState.VALID && status.lastError().isEmpty()) {
            Thread.sleep(200);
            status = acme.status();
        }
        return status;
    }
}
