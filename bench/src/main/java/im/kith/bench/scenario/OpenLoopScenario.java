package im.kith.bench.scenario;

import im.kith.bench.metrics.LatencySummary;
import im.kith.bench.metrics.OpenLoopSchedule;
import im.kith.bench.xml.Element;
import im.kith.bench.xml.Xml;
import im.kith.bench.xmpp.XmppSession;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One-to-one chat in pairs at a fixed total rate, whatever the server's response times. Message {@code i}
 * goes from session {@code i mod sessions} to its partner at the time the {@link OpenLoopSchedule} intends,
 * and latency is measured from that intended time. The event loop wakes itself for each due message with
 * Netty's scheduler, which the native epoll transport serves with sub-millisecond timers; how late messages
 * actually left is reported as {@code send_lag_p99_ms}, so a generator that cannot keep up is visible.
 */
public final class OpenLoopScenario implements Scenario {
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
        try {
            context.await(context.onLoop(() -> traffic.start(logged, schedule)),
                    t.warmup().plus(t.measure()).plus(t.drain()).plusSeconds(10));
        } finally {
            SessionPool.closeQuietly(context, logged);
        }
        return context.call(traffic::result);
    }

    /** State of one run, confined to the event loop. */
    private final class Traffic {
        private final ScenarioContext context;
        private final EventLoop loop;
        private final Deliveries deliveries;
        private final ResourceWatch watch;
        private final MeasuredRun run;
        private final Histogram sendLag = LatencySummary.newHistogram();
        private final long[] nextSeq = new long[sessions];
        private final String[] partnerJid = new String[sessions];
        private List<XmppSession> logged;
        private OpenLoopSchedule schedule;
        private long inFlight;
        private long issued;
        private long sendingEnds;

        Traffic(ScenarioContext context) {
            this.context = context;
            this.loop = ((ContextInternal) context.loop()).nettyEventLoop();
            this.deliveries = new Deliveries(ScenarioContext.freshRunId(), sessions);
            this.watch = new ResourceWatch(context);
            this.run = new MeasuredRun(context, watch, () -> inFlight == 0);
        }

        Future<Void> start(List<XmppSession> sessionList, OpenLoopSchedule openLoopSchedule) {
            this.logged = sessionList;
            this.schedule = openLoopSchedule;
            for (int i = 0; i < sessions; i++) {
                partnerJid[i] = Xml.escape(sessionList.get(i ^ 1).jid());
            }
            Timing t = context.timing();
            sendingEnds = openLoopSchedule.startNanos() + t.warmup().plus(t.measure()).toNanos();
            Future<Void> done = run.start(openLoopSchedule.startNanos());
            pace();
            return done;
        }

        /** Sends whatever is due, then sleeps until the next message is. */
        private void pace() {
            long now = System.nanoTime();
            if (now >= sendingEnds || !run.sending()) {
                return;
            }
            long due = schedule.dueBy(now);
            sendRange(issued, due);
            issued = due;
            long wait = schedule.intendedNanos(issued) - System.nanoTime();
            loop.schedule(this::pace, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }

        private void sendRange(long from, long to) {
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
