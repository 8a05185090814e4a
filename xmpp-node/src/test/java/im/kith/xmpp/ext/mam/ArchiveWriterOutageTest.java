package im.kith.xmpp.ext.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.transport.C2sListeners;
import im.kith.xmpp.xml.Element;

/**
 * The archive writer against a real PostgreSQL that stops taking connections: the test's database is
 * closed to new connections ({@code ALTER DATABASE ... ALLOW_CONNECTIONS false}) and every open one is
 * terminated ({@code pg_terminate_backend}), as when the server restarts, then opened again.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveWriterOutageTest {
    private static final String DOMAIN = "localhost";
    private static final Jid CONTACT = Jid.parse("contact@example.org/phone");
    private static final int BACKLOG_ROWS = 100;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ArchiveStore store;

    @Inject
    ArchiveIds ids;

    @Inject
    AccountService accounts;

    @Inject
    C2sListeners listeners;

    @Inject
    ArchiveWriter nodeWriter;

    private String database;
    private final List<ArchiveWriter> writers = new ArrayList<>();

    /** Short waits, so that a test sees several failed attempts. */
    record Settings(Duration retryDelay, Duration retryMaxDelay, Duration flushTimeout, Duration stopTimeout,
            int queueCapacity) implements MamConfig {
        @Override
        public Duration flushDelay() {
            return Duration.ofMillis(5);
        }

        @Override
        public int batchSize() {
            return 50;
        }

        @Override
        public int backlogRows() {
            return BACKLOG_ROWS;
        }

        @Override
        public int defaultPage() {
            return 50;
        }

        @Override
        public int maxPage() {
            return 250;
        }

        @Override
        public Duration purgeEvery() {
            return Duration.ofHours(1);
        }

        @Override
        public int purgeBatch() {
            return 5000;
        }
    }

    @BeforeAll
    void prepare() throws Exception {
        for (String user : new String[] {"outowner", "outsender", "outreader", "outaway"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            database = rs.getString(1);
        }
    }

    @AfterEach
    void reopenAndStop() throws Exception {
        reopen();
        for (ArchiveWriter w : writers) {
            w.stop();
        }
        writers.clear();
    }

    private ArchiveWriter writer(Duration stopTimeout) {
        return writer(stopTimeout, 10_000);
    }

    private ArchiveWriter writer(Duration stopTimeout, int queueCapacity) {
        ArchiveWriter w = new ArchiveWriter(store,
                new Settings(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500), stopTimeout,
                        queueCapacity));
        w.start();
        writers.add(w);
        return w;
    }

    /** A new connection of the test's own, not one of the pool's (which the cuts leave broken). */
    private static Connection connect(String db) throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(PostgresDatabase.jdbcUrl(db),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Runs a statement on the server's maintenance database, as the test user. */
    private static void admin(String sql) throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The database refuses new connections and every open one is cut. */
    private void cut() throws Exception {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
    }

    /**
     * The database takes connections again. The pool's idle connections, cut meanwhile, are closed, so
     * that the tests that follow on this node get working ones.
     */
    private void reopen() throws Exception {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    private List<ArchiveEntry> entries(String owner, String label, int n) {
        List<ArchiveEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Element message = Element.builder("message", Ns.CLIENT).attribute("type", "chat").attribute("id", label + i)
                    .child(Element.builder("body", Ns.CLIENT).text(label + " " + i).build()).build();
            out.add(new ArchiveEntry(owner, ids.next(), Instant.now().truncatedTo(ChronoUnit.MICROS), CONTACT,
                    Direction.IN, message));
        }
        return out;
    }

    private static Set<String> idsOf(List<ArchiveEntry> entries) {
        Set<String> out = new HashSet<>();
        entries.forEach(e -> out.add(e.id()));
        return out;
    }

    /** How many rows each of the ids has in the owner's archive, summed; and how many ids have one. */
    private long[] rowsAndIds(String owner, Set<String> wanted) throws Exception {
        try (Connection c = connect(database); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(DISTINCT id) FROM mam_messages WHERE owner = ? AND id = ANY (?::text[])")) {
            ps.setString(1, owner);
            ps.setArray(2, c.createArrayOf("text", wanted.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static void offerAll(ArchiveWriter w, List<ArchiveEntry> entries) {
        for (ArchiveEntry e : entries) {
            assertThat(w.offer(e)).as("queued").isTrue();
        }
    }

    private static void awaitFlushed(ArchiveWriter w, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                w.flushed().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void rowsQueuedWhileTheDatabaseIsUnreachableAreAllWrittenOnceEachAfterItComesBack() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(5));
        List<ArchiveEntry> before = entries("outowner", "before", 20);
        offerAll(w, before);
        awaitFlushed(w, Duration.ofSeconds(10));

        cut();
        List<ArchiveEntry> during = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            List<ArchiveEntry> e = entries("outowner", "during-" + burst + "-", 100);
            offerAll(w, e);
            during.addAll(e);
            Thread.sleep(300);
        }
        Thread.sleep(1000); // several failed attempts, with the delay growing to its maximum
        assertThat(w.written()).as("rows written while the database refused connections").isEqualTo(before.size());
        assertThat(w.dropped()).as("rows given up").isZero();

        reopen();
        awaitFlushed(w, Duration.ofSeconds(20));
        Set<String> all = idsOf(before);
        all.addAll(idsOf(during));
        assertThat(rowsAndIds("outowner", all)).as("rows and distinct ids in the archive")
                .containsExactly(all.size(), all.size());
        assertThat(w.written()).isEqualTo(all.size());
        assertThat(w.dropped()).isZero();
    }

    @Test
    void aQueryWaitingForRowsTheDatabaseCannotTakeFailsAfterTheFlushTimeout() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(5));
        cut();
        offerAll(w, entries("outowner", "waiting", 10));
        long start = System.nanoTime();
        assertThatThrownBy(() -> w.flushed().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ArchiveWriter.NotFlushed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time until the flush failed")
                .isLessThan(Duration.ofSeconds(3));
        reopen();
        awaitFlushed(w, Duration.ofSeconds(20));
        assertThat(w.written()).isEqualTo(10);
    }

    @Test
    void rowsAlreadyCommittedAreNotArchivedTwiceWhenTheirBatchIsWrittenAgain() throws Exception {
        // A batch whose commit succeeded but whose answer was lost with the connection is written again.
        List<ArchiveEntry> rows = entries("outowner", "committed", 30);
        ArchiveWriter first = writer(Duration.ofSeconds(5));
        offerAll(first, rows);
        awaitFlushed(first, Duration.ofSeconds(20));
        assertThat(first.written()).isEqualTo(30);
        ArchiveWriter w = writer(Duration.ofSeconds(5));
        offerAll(w, rows);
        offerAll(w, rows.subList(0, 10));
        awaitFlushed(w, Duration.ofSeconds(10));
        assertThat(w.written()).as("rows the second write stored").isZero();
        assertThat(w.dropped()).as("rows refused as duplicates").isZero();
        assertThat(rowsAndIds("outowner", idsOf(rows))).containsExactly(30L, 30L);
    }

    @Test
    void shutdownWritesTheRowsStillQueued() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(10));
        List<ArchiveEntry> rows = entries("outowner", "at-shutdown", 400);
        offerAll(w, rows);
        w.stop();
        assertThat(rowsAndIds("outowner", idsOf(rows))).containsExactly(400L, 400L);
        assertThat(w.dropped()).isZero();
        assertThat(w.offer(entries("outowner", "after-stop", 1).getFirst())).as("queued after shutdown").isFalse();
    }

    @Test
    void shutdownWhileTheDatabaseIsUnreachableGivesUpAfterTheStopTimeoutAndCountsTheRows() throws Exception {
        ArchiveWriter w = writer(Duration.ofMillis(800));
        cut();
        List<ArchiveEntry> rows = entries("outowner", "unwritable", 120);
        offerAll(w, rows);
        Thread.sleep(300);
        long start = System.nanoTime();
        w.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("shutdown time").isLessThan(Duration.ofSeconds(3));
        assertThat(w.dropped()).as("rows counted as lost").isEqualTo(120);
        reopen();
        assertThat(rowsAndIds("outowner", idsOf(rows))).containsExactly(0L, 0L);
    }

    @Test
    void aBacklogWhileTheDatabaseTakesWritesAsksConnectionsToPauseTheLongerTheLargerItIsUntilItIsWritten() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(5));
        assertThat(w.pauseMillis()).as("pause with an empty queue").isZero();
        // 50 rows per batch: the writer needs dozens of INSERTs to bring 5,000 rows below the limit.
        List<ArchiveEntry> burst = entries("outowner", "burst", 5000);
        offerAll(w, burst);
        long paused = w.pauseMillis();
        assertThat(paused).as("pause with 5,000 rows waiting").isBetween(ArchiveWriter.MIN_BACKLOG_PAUSE_MILLIS + 1,
                ArchiveWriter.MAX_BACKLOG_PAUSE_MILLIS);
        offerAll(w, entries("outowner", "more", 2000));
        assertThat(w.pauseMillis()).as("pause with 2,000 more rows waiting").isGreaterThan(paused);
        awaitFlushed(w, Duration.ofSeconds(60));
        assertThat(w.pauseMillis()).as("pause once they are written").isZero();
        assertThat(rowsAndIds("outowner", idsOf(burst))).containsExactly(5000L, 5000L);
    }

    @Test
    void aBacklogDuringAnOutageDoesNotPauseConnectionsSoMessagesStillFlow() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(5));
        cut();
        List<ArchiveEntry> waiting = entries("outowner", "outage", 3 * BACKLOG_ROWS);
        offerAll(w, waiting);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (w.pauseMillis() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // until the writer's first attempt has failed
        }
        assertThat(w.pauseMillis()).as("pause while the database refuses connections").isZero();
        assertThat(w.written()).as("rows written during the outage").isZero();

        reopen();
        awaitFlushed(w, Duration.ofSeconds(20));
        assertThat(rowsAndIds("outowner", idsOf(waiting))).containsExactly(300L, 300L);
        assertThat(w.pauseMillis()).isZero();
    }

    @Test
    void aFullQueueRefusesNewRowsAtOnceAndKeepsEveryRowItAccepted() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(5), 20);
        cut();
        List<ArchiveEntry> accepted = new ArrayList<>();
        int refused = 0;
        long start = System.nanoTime();
        for (ArchiveEntry e : entries("outowner", "crowded", 200)) {
            if (w.offer(e)) {
                accepted.add(e);
            } else {
                refused++;
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to offer 200 rows").isLessThan(Duration.ofSeconds(1));
        assertThat(refused).as("rows refused by the full queue").isPositive();
        assertThat(accepted).as("rows accepted: the queue's and at most one batch taken from it")
                .hasSizeBetween(20, 20 + 50);
        reopen();
        awaitFlushed(w, Duration.ofSeconds(20));
        assertThat(rowsAndIds("outowner", idsOf(accepted))).containsExactly((long) accepted.size(), (long) accepted.size());
        assertThat(w.dropped()).isZero();
    }

    @Test
    void aWithdrawnRowIsLeftOutOrDeletedWhetherOrNotItWasWrittenAlready() throws Exception {
        ArchiveWriter w = writer(Duration.ofSeconds(5));
        List<ArchiveEntry> written = entries("outowner", "withdrawn-late", 5);
        offerAll(w, written);
        awaitFlushed(w, Duration.ofSeconds(10));
        assertThat(w.withdraw("outowner", written.get(1).id())).isTrue();

        cut();
        List<ArchiveEntry> queued = entries("outowner", "withdrawn-early", 5);
        offerAll(w, queued);
        assertThat(w.withdraw("outowner", queued.get(3).id())).isTrue();
        reopen();
        awaitFlushed(w, Duration.ofSeconds(20));

        Set<String> kept = idsOf(written);
        kept.addAll(idsOf(queued));
        kept.remove(written.get(1).id());
        kept.remove(queued.get(3).id());
        assertThat(rowsAndIds("outowner", kept)).as("rows not withdrawn").containsExactly(8L, 8L);
        assertThat(rowsAndIds("outowner", Set.of(written.get(1).id(), queued.get(3).id())))
                .as("withdrawn rows").containsExactly(0L, 0L);
    }

    /**
     * A message for an offline account that cannot be stored goes back to its sender with a temporary
     * error; its archive copy, queued when the message arrived, is withdrawn, so that a sender that sends
     * it again leaves one copy in the recipient's archive, not two.
     */
    @Test
    void aMessageRefusedForAnOfflineRecipientIsNotLeftInItsArchive() throws Exception {
        XMPPTCPConnection sender = XmppClients.login(DOMAIN, listeners.port(), "outsender", "outsender-pass-phrase", "away");
        try {
            BlockingQueue<Message> errors = new LinkedBlockingQueue<>();
            sender.addSyncStanzaListener(s -> errors.add((Message) s), s -> s instanceof Message m && m.getType() == Message.Type.error);
            cut();
            sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(JidCreate.from("outaway@localhost"))
                    .ofType(Message.Type.chat).setBody("for an offline account while the database is down").build());
            Message error = errors.poll(20, TimeUnit.SECONDS);
            assertThat(error).as("the message back as an error").isNotNull();
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.internal_server_error);
            assertThat(error.getError().getType()).isEqualTo(StanzaError.Type.WAIT);
            reopen();
            awaitFlushed(nodeWriter, Duration.ofSeconds(30));
            try (Connection c = connect(database);
                    PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM mam_messages WHERE owner = 'outaway'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("copies in the offline recipient's archive").isZero();
            }
        } finally {
            reopen();
            sender.disconnect();
        }
    }

    @Test
    void retryDelaysDoubleFromTheFirstUpToTheMaximum() {
        Duration first = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(5);
        List<Long> millis = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            millis.add(ArchiveWriter.retryDelay(failures, first, max).toMillis());
        }
        assertThat(millis).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(ArchiveWriter.retryDelay(10_000, first, max)).isEqualTo(max);
    }

    /**
     * End to end: a message sent while the database is down reaches its online recipient at once; an
     * archive query meanwhile fails with internal-server-error of type wait (it cannot see its own
     * writes); once the database is back the message is in the recipient's archive, once.
     */
    @Test
    void aMessageSentWhileTheDatabaseIsDownIsDeliveredAtOnceAndArchivedOnceItIsBack() throws Exception {
        XMPPTCPConnection sender = XmppClients.login(DOMAIN, listeners.port(), "outsender", "outsender-pass-phrase", "r");
        XMPPTCPConnection reader = XmppClients.login(DOMAIN, listeners.port(), "outreader", "outreader-pass-phrase", "r");
        try {
            reader.setReplyTimeout(20_000);
            BlockingQueue<Message> in = new LinkedBlockingQueue<>();
            reader.addSyncStanzaListener(s -> in.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
            cut();
            String body = "sent during the outage " + ids.next();
            sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(JidCreate.from("outreader@localhost/r"))
                    .ofType(Message.Type.chat).setBody(body).build());
            Message delivered = in.poll(3, TimeUnit.SECONDS);
            assertThat(delivered).as("delivered while the database is down").isNotNull();
            assertThat(delivered.getBody()).isEqualTo(body);

            MamManager mam = MamManager.getInstanceFor(reader);
            assertThatThrownBy(() -> mam.queryArchive(MamQueryArgs.builder().build()))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.internal_server_error);
                        assertThat(e.getStanzaError().getType()).isEqualTo(StanzaError.Type.WAIT);
                    });

            reopen();
            List<String> bodies = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (bodies == null) {
                try {
                    MamQuery q = mam.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(250).build());
                    bodies = q.getMessages().stream().map(Message::getBody).toList();
                } catch (XMPPErrorException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            assertThat(bodies).as("the message in the recipient's archive").containsOnlyOnce(body);
        } finally {
            reopen();
            sender.disconnect();
            reader.disconnect();
        }
    }
}
