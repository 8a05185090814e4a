package im.kith.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.kith.testkit.XmppClients;

/**
 * The node outlives a restart of its database under load: while PostgreSQL is down, messages for an
 * offline account that cannot be stored come back to the sender as errors, and stream management
 * (XEP-0198 §4) acknowledges a message only once it is stored or refused, so that nothing acknowledged
 * is lost. Once the database is back the node stores messages and logs users in again without being
 * restarted, and writes the archive rows it kept while the database was down: every acknowledged
 * message is in the recipient's archive (XEP-0313) exactly once, and so is every message delivered at once
 * to an online recipient during the outage (which only the archive stores); refused messages are not. The database is a PostgreSQL server of the test's own ({@link PrivatePostgres}), stopped
 * with {@code pg_ctl stop -m immediate}, which cuts every connection as a crash would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartIT {
    private static final String DOMAIN = "kith-dbrestart.test";
    private static final String PASSWORD = "database-restart-passphrase";
    private static final int BEFORE = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    private static final Duration OUTAGE_PACE = Duration.ofMillis(100);
    private static final int AFTER = 40;

    private PrivatePostgres postgres;
    private KithNodeProcess node;

    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void startDatabaseAndNode() throws Exception {
        Optional<Path> bin = PrivatePostgres.installedBinaries();
        assumeTrue(bin.isPresent(), "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
                + " (apt-get install postgresql; test.sh does): the database restart test needs a server of its own");
        Path jar = Path.of(System.getProperty("kith.appliance.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application (built by mvn package)").isRegularFile();
        postgres = PrivatePostgres.start(bin.get());
        Path dir = Path.of(System.getProperty("kith.it.dir", "target/kith-dbrestart-it"));
        Files.createDirectories(dir);
        node = new KithNodeProcess(DOMAIN, Files.createTempDirectory(dir, "dbrestart-"));
        node.useDatabase(postgres.jdbcUrl(), postgres.user(), "");
        node.start(jar, "", "");
        node.awaitReady();
        node.createAccount("sender", PASSWORD);
        node.createAccount("receiver", PASSWORD);
        node.createAccount("talker", PASSWORD);
        node.createAccount("listener", PASSWORD);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.stop();
        }
        if (postgres != null) {
            postgres.destroy();
        }
    }

    /** What the sender learnt about its messages, in the order its connection read it. */
    private static final class Outcomes {
        private final StanzaCollector errors;
        final Set<String> acked = new HashSet<>();
        final Map<String, StanzaError.Condition> refused = new LinkedHashMap<>();
        final Set<String> refusedAfterAck = new HashSet<>();

        Outcomes(StanzaCollector errors) {
            this.errors = errors;
        }

        /**
         * Smack reads an error into the collector on its reader thread before it reads the next element,
         * and calls acknowledgement listeners later: an error that preceded the {@code <a/>} on the
         * stream is in the collector when the listener runs.
         */
        synchronized void ack(Stanza s) {
            drainErrors();
            acked.add(s.getStanzaId());
        }

        synchronized void drainErrors() {
            for (Stanza e; (e = errors.pollResult()) != null;) {
                if (acked.contains(e.getStanzaId())) {
                    refusedAfterAck.add(e.getStanzaId());
                }
                refused.put(e.getStanzaId(), e.getError().getCondition());
            }
        }

        synchronized boolean allSettled(Set<String> ids) {
            drainErrors();
            return acked.containsAll(ids);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void messagesAreStoredOnceOrRefusedWithAnErrorWhileTheDatabaseRestartsAndNothingAcknowledgedIsLost()
            throws Exception {
        Jid receiverJid = JidCreate.from("receiver@" + DOMAIN);
        Map<String, String> bodies = new LinkedHashMap<>(); // stanza id -> body
        List<String> before = new ArrayList<>();
        List<String> during = new ArrayList<>();
        List<String> after = new ArrayList<>();
        XMPPTCPConnection sender = XmppClients.login(DOMAIN, node.c2sPort, "sender", PASSWORD, "phone");
        // A conversation with an online recipient alongside: delivered at once, stored only in the archives.
        Jid listenerJid = JidCreate.from("listener@" + DOMAIN + "/desk");
        XMPPTCPConnection talker = XmppClients.login(DOMAIN, node.c2sPort, "talker", PASSWORD, "phone");
        XMPPTCPConnection listener = XmppClients.login(DOMAIN, node.c2sPort, "listener", PASSWORD, "desk");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        listener.addSyncStanzaListener(s -> heard.add(s.getStanzaId()), s -> s instanceof Message m && m.getBody() != null);
        List<String> live = new ArrayList<>();
        StanzaFilter errorsFromReceiver = s -> s instanceof Message m && m.getType() == Message.Type.error;
        Outcomes outcomes = new Outcomes(sender.createStanzaCollector(errorsFromReceiver));
        try {
            assertThat(sender.isSmEnabled()).as("stream management").isTrue();
            sender.addStanzaAcknowledgedListener(outcomes::ack);

            for (int i = 0; i < BEFORE; i++) {
                before.add(send(sender, receiverJid, bodies, "before the restart " + i));
            }
            sender.requestSmAcknowledgement();
            awaitSettled(outcomes, bodies.keySet(), Duration.ofSeconds(30), "messages before the restart");

            postgres.stop(true);
            long end = System.nanoTime() + OUTAGE.toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                Message m = StanzaBuilder.buildMessage("live-" + i).to(listenerJid).ofType(Message.Type.chat)
                        .setBody("to an online recipient while the database is down " + i).build();
                live.add(m.getStanzaId());
                talker.sendStanza(m);
                during.add(send(sender, receiverJid, bodies, "while the database is down " + i));
                Thread.sleep(OUTAGE_PACE.toMillis());
            }
            postgres.start();

            for (int i = 0; i < AFTER; i++) {
                after.add(send(sender, receiverJid, bodies, "after the restart " + i));
            }
            sender.requestSmAcknowledgement();
            awaitSettled(outcomes, bodies.keySet(), Duration.ofSeconds(120), "every message");
            assertThat(node.alive()).as("the node's process after the database restart").isTrue();
            Set<String> liveHeard = new HashSet<>();
            for (String id; liveHeard.size() < live.size() && (id = heard.poll(10, TimeUnit.SECONDS)) != null;) {
                liveHeard.add(id);
            }
            assertThat(liveHeard).as("messages to the online recipient, delivered during the outage")
                    .containsExactlyInAnyOrderElementsOf(live);
            for (XMPPTCPConnection c : List.of(listener, talker)) {
                List<String> archivedLive = archivedIds(c);
                assertThat(archivedLive).as(c.getUser() + "'s archive, each message once").doesNotHaveDuplicates();
                assertThat(archivedLive).as("messages delivered during the outage, in " + c.getUser() + "'s archive")
                        .containsAll(live);
            }
        } finally {
            sender.disconnect();
            talker.disconnect();
            listener.disconnect();
        }

        // A login reads the account's credentials from the database: it works again without a node restart.
        XMPPTCPConnection receiver = XmppClients.login(DOMAIN, node.c2sPort, "receiver", PASSWORD, "laptop");
        List<String> delivered = new ArrayList<>();
        List<String> archived;
        try {
            BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
            receiver.addSyncStanzaListener(s -> arrived.add(((Message) s).getBody()),
                    s -> s instanceof Message m && m.getBody() != null);
            receiver.sendStanza(receiver.getStanzaFactory().buildPresenceStanza().build());
            int expected = bodies.size() - outcomes.refused.size();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (delivered.size() < expected && System.nanoTime() < deadline) {
                String b = arrived.poll(1, TimeUnit.SECONDS);
                if (b != null) {
                    delivered.add(b);
                }
            }
            for (String b; (b = arrived.poll(3, TimeUnit.SECONDS)) != null;) {
                delivered.add(b); // duplicates or refused messages delivered after all
            }
            archived = archivedIds(receiver);
        } finally {
            receiver.disconnect();
        }

        Map<String, String> idByBody = new HashMap<>();
        bodies.forEach((id, body) -> idByBody.put(body, id));
        List<String> deliveredIds = delivered.stream().map(idByBody::get).toList();
        Set<String> refused = outcomes.refused.keySet();
        List<String> neither = bodies.keySet().stream()
                .filter(id -> !refused.contains(id) && !deliveredIds.contains(id)).toList();

        List<String> acknowledged = bodies.keySet().stream().filter(id -> !refused.contains(id)).toList();
        System.out.printf("sent %d (%d before, %d during, %d after the outage), refused %d (%d after their"
                + " acknowledgement), delivered %d, archived %d (%d of them refused)%n", bodies.size(), before.size(),
                during.size(), after.size(), refused.size(), outcomes.refusedAfterAck.size(), delivered.size(),
                archived.size(), archived.stream().filter(refused::contains).count());
        assertThat(node.alive()).as("the node's process").isTrue();
        assertThat(refused).as("messages refused while the database was down (the outage was noticed)").isNotEmpty();
        assertThat(refused).as("refused messages sent while the database was up").doesNotContainAnyElementsOf(before);
        assertThat(refused).as("refused messages sent after the database was back (the node reconnected)")
                .doesNotContainAnyElementsOf(after);
        assertThat(outcomes.refusedAfterAck).as("messages acknowledged before their error arrived").isEmpty();
        assertThat(deliveredIds).as("delivered messages that were unknown, i.e. bodies the test did not send")
                .doesNotContainNull();
        assertThat(deliveredIds).as("delivered messages, each once").doesNotHaveDuplicates();
        assertThat(deliveredIds).as("messages both refused and delivered").doesNotContainAnyElementsOf(refused);
        assertThat(neither).as("acknowledged messages neither refused nor delivered (lost)").isEmpty();
        assertThat(deliveredIds).as("messages before and after the restart, all delivered")
                .containsAll(before).containsAll(after);
        assertThat(during).as("messages sent during the outage").hasSizeGreaterThan(10);
        // The archive rows of messages sent during the outage were kept and written once the database was back.
        assertThat(archived).as("messages in the recipient's archive, each once").doesNotHaveDuplicates();
        assertThat(archived).as("acknowledged messages in the recipient's archive").containsAll(acknowledged);
        // A refused message's archive copy is withdrawn: the sender may send it again.
        assertThat(archived).as("refused messages in the recipient's archive").doesNotContainAnyElementsOf(refused);
        // RFC 6120 §8.3.3.8: the server could not process the stanza; 'wait': the sender may retry (§8.3.2).
        assertThat(outcomes.refused.values()).as("error conditions of refused messages")
                .allMatch(c -> c == StanzaError.Condition.internal_server_error);
    }

    /**
     * The message ids in the account's archive, page by page. While the node still writes the rows it kept
     * during the outage, a query may be answered with a temporary error (type wait); it is asked again.
     */
    private static List<String> archivedIds(XMPPTCPConnection c) throws Exception {
        MamManager mam = MamManager.getInstanceFor(c);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                MamQuery q = mam.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(100).build());
                List<String> ids = new ArrayList<>();
                q.getMessages().forEach(m -> ids.add(m.getStanzaId()));
                while (!q.isComplete()) {
                    q.pageNext(100).forEach(m -> ids.add(m.getStanzaId()));
                }
                return ids;
            } catch (XMPPErrorException e) {
                if (e.getStanzaError().getType() != StanzaError.Type.WAIT || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static String send(XMPPTCPConnection sender, Jid to, Map<String, String> bodies, String body)
            throws Exception {
        Message m = StanzaBuilder.buildMessage("restart-" + bodies.size()).to(to).ofType(Message.Type.chat).setBody(body).build();
        bodies.put(m.getStanzaId(), body);
        sender.sendStanza(m);
        return m.getStanzaId();
    }

    private void awaitSettled(Outcomes outcomes, Set<String> ids, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outcomes.allSettled(ids)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not all acknowledged within " + timeout.toSeconds() + " s; node log:\n"
                        + node.tail(60) + "\nPostgreSQL log:\n" + postgres.logText());
            }
            Thread.sleep(200);
        }
    }
}
