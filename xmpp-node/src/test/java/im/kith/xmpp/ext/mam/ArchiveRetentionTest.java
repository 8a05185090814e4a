package im.kith.xmpp.ext.mam;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
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

/** Retention (kith.retention-days, default 7) and archive removal with the account. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveRetentionTest {
    private static final String DOMAIN = "localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    RetentionJob retention;

    @Inject
    ArchiveWriter writer;

    @Inject
    DataSource dataSource;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"retold", "retsender", "retgone"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", resource);
    }

    private void converse(String from, String to, int messages) throws Exception {
        XMPPTCPConnection sender = login(from, "r");
        XMPPTCPConnection recipient = login(to, "r");
        try {
            BlockingQueue<Message> in = new LinkedBlockingQueue<>();
            recipient.addAsyncStanzaListener(s -> in.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
            for (int i = 0; i < messages; i++) {
                sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to + "@localhost/r"))
                        .ofType(Message.Type.chat).setBody("note " + i).build());
            }
            for (int i = 0; i < messages; i++) {
                assertThat(in.poll(10, TimeUnit.SECONDS)).isNotNull();
            }
            writer.flushed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            sender.disconnect();
            recipient.disconnect();
        }
    }

    private long rows(String owner) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM mam_messages WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void retentionJobDeletesMessagesOlderThanTheRetentionPeriodOnly() throws Exception {
        converse("retsender", "retold", 3);
        assertThat(rows("retold")).isEqualTo(3);
        Instant now = Instant.now();

        retention.purge(now.plus(Duration.ofDays(6)));
        assertThat(rows("retold")).as("six days later the messages are kept").isEqualTo(3);

        assertThat(retention.purge(now.plus(Duration.ofDays(8)))).isGreaterThanOrEqualTo(6);
        assertThat(rows("retold")).as("eight days later they are gone").isZero();
        assertThat(rows("retsender")).isZero();

        XMPPTCPConnection old = login("retold", "check");
        try {
            assertThat(MamManager.getInstanceFor(old).queryArchive(MamQueryArgs.builder().build()).getMessageCount()).isZero();
        } finally {
            old.disconnect();
        }
    }

    @Test
    void removingAnAccountRemovesItsArchive() throws Exception {
        converse("retsender", "retgone", 2);
        assertThat(rows("retgone")).isEqualTo(2);
        accounts.delete("retgone");
        long deadline = System.currentTimeMillis() + 5000;
        while (rows("retgone") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rows("retgone")).isZero();
    }
}
