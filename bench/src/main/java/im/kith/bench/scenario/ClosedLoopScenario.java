package im.kith.bench.scenario;

import im.kith.bench.xml.Element;
import im.kith.bench.xml.Xml;
import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One-to-one chat in pairs (session 2k with 2k+1). Every session keeps {@code window} messages in flight to
 * its partner: each arrival lets its sender send the next one. Measures delivered messages per second and
 * latency from send to arrival.
 */
public final class ClosedLoopScenario implements Scenario {
    private final String name;
    private final int sessions;
    private final int window;

    public ClosedLoopScenario(String name, int sessions, int window) {
        if (sessions < 2 || sessions % 2 != 0 || window < 1) {
            throw new IllegalArgumentException("need an even number of sessions and a positive window");
        }
        this.name = name;
        this.sessions = sessions;
        this.window = window;
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
        try {
            Timing t = context.timing();
            Duration bound = t.warmup().plus(t.measure()).plus(t.drain()).plusSeconds(10);
            context.await(context.onLoop(() -> traffic.start(logged)), bound);
        } finally {
            SessionPool.closeQuietly(context, logged);
        }
        return context.call(traffic::result);
    }

    /** State of one run, confined to the event loop. */
    private final class Traffic {
        private final Deliveries deliveries;
        private final ResourceWatch watch;
        private final MeasuredRun run;
        private final long[] nextSeq = new long[sessions];
        private final int[] inFlight = new int[sessions];
        private final String[] partnerJid = new String[sessions];
        private List<XmppSession> logged;
        private long totalInFlight;

        Traffic(ScenarioContext context) {
            this.deliveries = new Deliveries(ScenarioContext.freshRunId(), sessions);
            this.watch = new ResourceWatch(context);
            this.run = new MeasuredRun(context, watch, () -> totalInFlight == 0);
        }

        Future<Void> start(List<XmppSession> sessionList) {
            this.logged = sessionList;
            for (int i = 0; i < sessions; i++) {
                partnerJid[i] = Xml.escape(sessionList.get(i ^ 1).jid());
            }
            Future<Void> done = run.start(System.nanoTime());
            for (int i = 0; i < sessions; i++) {
                for (int w = 0; w < window; w++) {
                    send(i);
                }
            }
            return done;
        }

        private void send(int sender) {
            long seq = nextSeq[sender]++;
            deliveries.ledger().sent(sender, sender ^ 1);
            inFlight[sender]++;
            totalInFlight++;
            Payload payload = new Payload(deliveries.runId(), sender, seq, System.nanoTime());
            logged.get(sender).send("<message to='" + partnerJid[sender] + "' type='chat' id='m" + seq + "'><body>"
                    + payload.encode() + "</body></message>");
        }

        void received(int recipient, Element stanza) {
            Payload payload = deliveries.accept(recipient, stanza, run);
            if (payload == null) {
                return;
            }
            int sender = payload.sender();
            inFlight[sender]--;
            totalInFlight--;
            if (run.sending()) {
                send(sender);
            }
        }

        ScenarioResult result() {
            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("sessions", sessions, "sessions"));
            metrics.add(new Metric("window", window, "messages"));
            deliveries.addTo(metrics, run, "msgs_per_s");
            watch.addTo(metrics);
            return new ScenarioResult(name, metrics, deliveries.ledger().counts());
        }
    }
}
