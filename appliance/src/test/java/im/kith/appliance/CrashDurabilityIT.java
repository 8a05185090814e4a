package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.jxmpp.jid.impl.JidCreate;

import im.kith.testkit.XmppClients;

/**
 * What the node acknowledged survives a crash: messages for an offline account, acknowledged to the
 * sender by stream management (XEP-0198 §4), are all delivered exactly once and in order after the node
 * was killed with SIGKILL (no shutdown hook, no flush) and started again on the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashDurabilityIT {
    private static final String DOMAIN = "kith-crash.test";
    private static final String PASSWORD = "durability-test-passphrase";
    private static final int MESSAGES = 300;

    private KithNodeProcess node;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void startNode() throws Exception {
        Path jar = Path.of(System.getProperty("kith.appliance.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application (built by mvn package)").isRegularFile();
        Path dir = Path.of(System.getProperty("kith.it.dir", "target/kith-crash-it"));
        Files.createDirectories(dir);
        node = new KithNodeProcess(DOMAIN, Files.createTempDirectory(dir, "run-"));
        node.start(jar, "", "");
        node.awaitReady();
        node.createAccount("sender", PASSWORD);
        node.createAccount("receiver", PASSWORD);
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void acknowledgedOfflineMessagesSurviveASigkillExactlyOnceAndInOrder() throws Exception {
        XMPPTCPConnection sender = XmppClients.login(DOMAIN, node.c2sPort, "sender", PASSWORD, "phone");
        try {
            assertThat(sender.isSmEnabled()).as("stream management").isTrue();
            CountDownLatch acked = new CountDownLatch(MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                Message m = org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("d" + i)
                        .to(JidCreate.from("receiver@" + DOMAIN)).ofType(Message.Type.chat)
                        .setBody("durable message " + i).build();
                sender.addStanzaIdAcknowledgedListener(m.getStanzaId(), s -> acked.countDown());
                sender.sendStanza(m);
            }
            sender.requestSmAcknowledgement();
            assertThat(acked.await(60, TimeUnit.SECONDS)).as("every message acknowledged by the node").isTrue();
        } finally {
            // Gone with the node; nothing is closed cleanly.
            sender.instantShutdown();
        }
        node.kill();
        node.restart();

        XMPPTCPConnection receiver = XmppClients.login(DOMAIN, node.c2sPort, "receiver", PASSWORD, "laptop");
        try {
            BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
            receiver.addSyncStanzaListener(s -> bodies.add(((Message) s).getBody()),
                    s -> s instanceof Message m && m.getBody() != null);
            receiver.sendStanza(receiver.getStanzaFactory().buildPresenceStanza().build());
            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (got.size() < MESSAGES && System.nanoTime() < deadline) {
                String b = bodies.poll(1, TimeUnit.SECONDS);
                if (b != null) {
                    got.add(b);
                }
            }
            // Anything more would be a duplicate. (A synchronous listener keeps the arrival order.)
            String extra = bodies.poll(2, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                expected.add("durable message " + i);
            }
            assertThat(got).as("offline messages after the crash, in any order").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(got).as("offline messages after the crash, in order").containsExactlyElementsOf(expected);
            assertThat(extra).as("a duplicate").isNull();
        } finally {
            receiver.disconnect();
        }
    }
}
