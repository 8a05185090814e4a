package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;


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
        AcmeStatus obtained = PebbleCa.awaitSettled(acme, SETTLE);
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

    private X509Certificate verifiedLeaf() throws Exception {
        return PebbleCa.verifiedLeaf(listeners.tlsPort(), "xmpp-client");
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
}
