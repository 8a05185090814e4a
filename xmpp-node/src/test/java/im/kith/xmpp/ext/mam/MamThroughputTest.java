package im.kith.xmpp.ext.mam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * A burst far larger than one archive batch is delivered whole and lands whole in both archives once the
 * batched writer has flushed; a {@code <no-store/>} burst lands in neither. The rates are printed for
 * information only: timing is the benchmark's job, not a unit test's.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MamThroughputTest {
    private static final String DOMAIN = "localhost";
    private static final int BURST = 2000;

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    ArchiveWriter writer;

    @Inject
    javax.sql.DataSource dataSource;

    private long archived(String owner) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM mam_messages WHERE owner = ?")) {
            ps.setString(1, owner);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"tpsender", "tpreceiver"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    /** A client without stream management: a burst this size outruns its acknowledgements. */
    private XMPPTCPConnection login(String user) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XmppClients.starttls(DOMAIN, listeners.port(), user, user + "-pass-phrase")
                .setResource("tp").build());
        c.setUseStreamManagement(false);
        c.connect().login();
        return c;
    }

    private long burst(XMPPTCPConnection sender, XMPPTCPConnection receiver, boolean archived) throws Exception {
        CountDownLatch received = new CountDownLatch(BURST);
        org.jivesoftware.smack.StanzaListener l = s -> received.countDown();
        receiver.addAsyncStanzaListener(l, s -> s instanceof Message m && m.getBody() != null);
        long start = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
            var b = sender.getStanzaFactory().buildMessageStanza().to(JidCreate.from("tpreceiver@localhost/tp"))
                    .ofType(Message.Type.chat).setBody("throughput message number " + i);
            if (!archived) {
                b.addExtension(StandardExtensionElement.builder("no-store", "urn:xmpp:hints").build());
            }
            sender.sendStanza(b.build());
        }
        assertThat(received.await(120, TimeUnit.SECONDS)).isTrue();
        if (archived) {
            writer.flushed().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        long nanos = System.nanoTime() - start;
        receiver.removeAsyncStanzaListener(l);
        return nanos;
    }

    @Test
    void everyMessageOfABurstIsDeliveredAndArchivedInBothArchives() throws Exception {
        XMPPTCPConnection sender = login("tpsender");
        XMPPTCPConnection receiver = login("tpreceiver");
        try {
            long sentBefore = archived("tpsender");
            long receivedBefore = archived("tpreceiver");
            long plain = burst(sender, receiver, false);
            writer.flushed().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(archived("tpsender")).isEqualTo(sentBefore);
            assertThat(archived("tpreceiver")).isEqualTo(receivedBefore);

            long stored = burst(sender, receiver, true);
            assertThat(archived("tpsender")).isEqualTo(sentBefore + BURST);
            assertThat(archived("tpreceiver")).isEqualTo(receivedBefore + BURST);
            System.out.printf("MAM burst: unarchived %.0f msg/s, archived %.0f msg/s (informational)%n",
                    BURST / (plain / 1e9), BURST / (stored / 1e9));
        } finally {
            sender.disconnect();
            receiver.disconnect();
        }
    }
}
