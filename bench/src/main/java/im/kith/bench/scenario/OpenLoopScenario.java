package im.kith.bench.scenario;

import im.kith.bench.metrics.LatencySummary;
import im.kith.bench.metrics.OpenLoopSchedule;
import im.kith.bench.xml.Element;
import im.kith.bench.xml.Xml;
import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One-to-one chat in pairs at a fixed total rate, whatever the server's response times. Message {@code i}
 * goes from session {@code i mod sessions} to its partner at the time the {@link OpenLoopSchedule} intends,
 * and latency is measured from that intended time. A dedicated thread watches the clock and hands due
 * messages to the event loop; how late they actually left is reported as {@code send_lag_p99_ms}, so a
 * generator that cannot keep up is visible.
 */
public final class OpenLoopScenario implements Scenario {
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name;
    private final int sessions;
    private final long rate;

    public OpenLoopScenario(String name, int sessions, long rate) {
        if (sessions < 2 || sessions % 2 != 0 || rate < 1) {
            throw new IllegalArgumentException("need an even number of sessions and a positive rate");
        }
        this.name = name;
        this.sessions = sessions;
        this.rate = rate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int accountsNeeded() {
        return sessions;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        Traffic traffic = new Traffic(context);
        List<XmppSession> logged = SessionPool.loginOrThrow(context, sessions,
                i -> (session, stanza) -> traffic.received(i, stanza));
        Timing t = context.timing();
        OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), rate);
        long sendingEnds = schedule.startNanos() + t.warmup().plus(t.measure()).toNanos();
        Thread pacer = Thread.ofPlatform().name("open-loop-pacer").daemon().unstarted(
                () -> pace(schedule, sendingEnds, context.loop(), traffic));
        try {
            Future<Void> done = context.onLoop(() -> traffic.start(logged, schedule));
            pacer.start();
            context.await(done, t.warmup().plus(t.measure()).plus(t.drain()).plusSeconds(10));
        } finally {
            pacer.interrupt();
            pacer.join(TimeUnit.SECONDS.toMillis(5));
            SessionPool.closeQuietly(context, logged);
        }
        return context.call(traffic::result);
    }

    /** Runs on the pacer thread: hands each newly due range of message indexes to the event loop. */
    private static void pace(OpenLoopSchedule schedule, long endNanos, Context loop, Traffic traffic) {
        long issued = 0;
        long now;
        while (!Thread.currentThread().isInterrupted() && (now = System.nanoTime()) < endNanos) {
            long due = schedule.dueBy(now);
            if (due > issued) {
                long from = issued;
                loop.runOnContext(v -> traffic.sendRange(from, due));
                issued = due;
            }
            long wait = schedule.intendedNanos(issued) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
            }
        }
    }

    /** State of one run, confined to the event loop. */
    private final class Traffic {
        private final Deliveries deliveries;
        private final ServerWatch watch;
        private final MeasuredRun run;
        private final Histogram sendLag = LatencySummary.newHistogram();
        private final long[] nextSeq = new long[sessions];
        private final String[] partnerJid = new String[sessions];
        private List<XmppSession> logged;
        private OpenLoopSchedule schedule;
        private long inFlight;

        Traffic(ScenarioContext context) {
            this.deliveries = new Deliveries(ScenarioContext.freshRunId(), sessions);
            this.watch = new ServerWatch(context);
            this.run = new MeasuredRun(context, watch, () -> inFlight == 0);
        }

        Future<Void> start(List<XmppSession> sessionList, OpenLoopSchedule openLoopSchedule) {
            this.logged = sessionList;
            this.schedule = openLoopSchedule;
            for (int i = 0; i < sessions; i++) {
                partnerJid[i] = Xml.escape(sessionList.get(i ^ 1).jid());
            }
            return run.start(openLoopSchedule.startNanos());
        }

        void sendRange(long from, long to) {
            if (!run.sending()) {
                return;
            }
            for (long i = from; i < to; i++) {
                int sender = (int) (i % sessions);
                long intended = schedule.intendedNanos(i);
                long seq = nextSeq[sender]++;
                deliveries.ledger().sent(sender, sender ^ 1);
                inFlight++;
                Payload payload = new Payload(deliveries.runId(), sender, seq, intended);
                logged.get(sender).send("<message to='" + partnerJid[sender] + "' type='chat' id='m" + seq
                        + "'><body>" + payload.encode() + "</body></message>");
                if (run.inWindow(intended)) {
                    sendLag.recordValue(Math.max(0, System.nanoTime() - intended));
                }
            }
        }

        void received(int recipient, Element stanza) {
            if (deliveries.accept(recipient, stanza, run) != null) {
                inFlight--;
            }
        }

        ScenarioResult result() {
            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("sessions", sessions, "sessions"));
            metrics.add(new Metric("target_rate", rate, "1/s"));
            deliveries.addTo(metrics, run, "msgs_per_s");
            metrics.add(new Metric("send_lag_p99_ms", LatencySummary.of(sendLag).p99Millis(), "ms"));
            watch.addTo(metrics);
            return new ScenarioResult(name, metrics, deliveries.ledger().counts());
        }
    }
}
