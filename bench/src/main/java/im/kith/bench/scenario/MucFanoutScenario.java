package im.kith.bench.scenario;

import im.kith.bench.xml.Element;
import im.kith.bench.xml.Xml;
import im.kith.bench.xmpp.ServiceDiscovery;
import im.kith.bench.xmpp.Stanzas;
import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Group chat fan-out (XEP-0045): {@code occupants} sessions join one fresh room, then the first
 * {@code senders} of them each keep {@code window} messages in flight, a message counting as in flight until
 * every occupant, the sender included, has received it. Measures deliveries per second (one message
 * reaching one occupant) and the latency of each delivery.
 */
public final class MucFanoutScenario implements Scenario {
    private static final String NS_MUC = "http://jabber.org/protocol/muc";
    private static final String NS_MUC_USER = NS_MUC + "#user";
    private static final String NS_MUC_OWNER = NS_MUC + "#owner";
    private static final int JOIN_CONCURRENCY = 20;
    private static final long QUIET_NANOS = Duration.ofMillis(500).toNanos();
    private static final long QUIET_LIMIT_NANOS = Duration.ofSeconds(15).toNanos();

    private final String name;
    private final String service;
    private final int occupants;
    private final int senders;
    private final int window;

    /**
     * @param service the MUC service's domain, e.g. {@code conference.example.org}, or {@code null} to find it
     *     through service discovery
     */
    public MucFanoutScenario(String name, String service, int occupants, int senders, int window) {
        if (occupants < 2 || senders < 1 || senders > occupants || window < 1) {
            throw new IllegalArgumentException("need 2+ occupants, 1..occupants senders and a positive window");
        }
        this.name = name;
        this.service = service;
        this.occupants = occupants;
        this.senders = senders;
        this.window = window;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int accountsNeeded() {
        return occupants;
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        String mucService = service != null ? service : discover(context);
        context.log().println("  room service " + mucService);
        Room room = new Room(context, mucService);
        List<XmppSession> logged = SessionPool.loginOrThrow(context, occupants,
                i -> (session, stanza) -> room.received(i, stanza));
        try {
            Timing t = context.timing();
            context.await(context.onLoop(() -> room.join(logged)), t.setup());
            context.await(context.onLoop(room::quiet), Duration.ofNanos(QUIET_LIMIT_NANOS).plusSeconds(5));
            Duration bound = t.warmup().plus(t.measure()).plus(t.drain()).plusSeconds(10);
            context.await(context.onLoop(room::start), bound);
        } finally {
            SessionPool.closeQuietly(context, logged);
        }
        return context.call(room::result);
    }

    private static String discover(ScenarioContext context) throws Exception {
        List<XmppSession> one = SessionPool.loginOrThrow(context, 1, i -> (session, stanza) -> { });
        try {
            Optional<String> found = context.await(context.onLoop(() -> ServiceDiscovery.findService(one.get(0),
                    context.connector().target().domain(), NS_MUC)), context.timing().setup());
            return found.orElseThrow(() -> new ScenarioSkipped("the server advertises no MUC service"));
        } finally {
            SessionPool.closeQuietly(context, one);
        }
    }

    /** The room and its traffic, confined to the event loop. */
    private final class Room {
        private final String jid;
        private final Deliveries deliveries;
        private final ResourceWatch watch;
        private final MeasuredRun run;
        private final ScenarioContext context;
        private final List<Promise<Element>> joins = new ArrayList<>(occupants);
        private final Map<Long, Integer> awaitedDeliveries = new HashMap<>();
        private final long[] nextSeq = new long[senders];
        private final int[] inFlight = new int[senders];
        private List<XmppSession> logged;
        private long lastPresenceNanos;

        Room(ScenarioContext context, String service) {
            this.context = context;
            this.deliveries = new Deliveries(ScenarioContext.freshRunId(), senders);
            this.jid = "bench-" + deliveries.runId() + "@" + service;
            this.watch = new ResourceWatch(context);
            this.run = new MeasuredRun(context, watch, awaitedDeliveries::isEmpty);
            for (int i = 0; i < occupants; i++) {
                joins.add(Promise.promise());
            }
        }

        /** The first occupant creates the room (accepting the default configuration), then the rest join. */
        Future<Void> join(List<XmppSession> sessionList) {
            this.logged = sessionList;
            return enter(0)
                    .compose(this::configureIfNew)
                    .compose(v -> Concurrently.run(occupants - 1, JOIN_CONCURRENCY, i -> enter(i + 1)))
                    .compose(outcomes -> {
                        for (Future<Element> outcome : outcomes) {
                            if (outcome.failed()) {
                                return Future.failedFuture(outcome.cause());
                            }
                        }
                        return Future.succeededFuture();
                    });
        }

        private Future<Element> enter(int occupant) {
            logged.get(occupant).send("<presence to='" + Xml.escape(jid + "/" + nick(occupant)) + "'><x xmlns='"
                    + NS_MUC + "'><history maxstanzas='0'/></x></presence>");
            return joins.get(occupant).future();
        }

        /** XEP-0045 §10.1.2: status 201 means a new, possibly locked room; submit the default form. */
        private Future<Void> configureIfNew(Element selfPresence) {
            Element x = selfPresence.child("x", NS_MUC_USER);
            boolean created = x != null && x.children().stream()
                    .anyMatch(c -> c.name().equals("status") && "201".equals(c.attribute("code")));
            if (!created) {
                return Future.succeededFuture();
            }
            return logged.get(0).iq("set", jid, "<query xmlns='" + NS_MUC_OWNER
                    + "'><x xmlns='jabber:x:data' type='submit'/></query>").mapEmpty();
        }

        /** Completes once no room presence has arrived for a while: the join broadcasts are over. */
        Future<Void> quiet() {
            Promise<Void> quiet = Promise.promise();
            long limit = System.nanoTime() + QUIET_LIMIT_NANOS;
            context.vertx().setPeriodic(50, timer -> {
                long now = System.nanoTime();
                if (now - lastPresenceNanos > QUIET_NANOS || now > limit) {
                    context.vertx().cancelTimer(timer);
                    quiet.complete();
                }
            });
            return quiet.future();
        }

        Future<Void> start() {
            Future<Void> done = run.start(System.nanoTime());
            for (int sender = 0; sender < senders; sender++) {
                for (int w = 0; w < window; w++) {
                    send(sender);
                }
            }
            return done;
        }

        private void send(int sender) {
            long seq = nextSeq[sender]++;
            for (int occupant = 0; occupant < occupants; occupant++) {
                deliveries.ledger().sent(sender, occupant);
            }
            awaitedDeliveries.put(key(sender, seq), occupants);
            inFlight[sender]++;
            Payload payload = new Payload(deliveries.runId(), sender, seq, System.nanoTime());
            logged.get(sender).send("<message to='" + jid + "' type='groupchat' id='g" + seq + "'><body>"
                    + payload.encode() + "</body></message>");
        }

        void received(int occupant, Element stanza) {
            if (stanza.name().equals("presence")) {
                presence(occupant, stanza);
                return;
            }
            Payload payload = deliveries.accept(occupant, stanza, run);
            if (payload == null) {
                return;
            }
            long key = key(payload.sender(), payload.seq());
            Integer awaited = awaitedDeliveries.get(key);
            if (awaited == null) {
                return;
            }
            if (awaited > 1) {
                awaitedDeliveries.put(key, awaited - 1);
                return;
            }
            awaitedDeliveries.remove(key);
            inFlight[payload.sender()]--;
            if (run.sending()) {
                send(payload.sender());
            }
        }

        private void presence(int occupant, Element stanza) {
            String from = stanza.attribute("from");
            if (from == null || !from.startsWith(jid + "/")) {
                return;
            }
            lastPresenceNanos = System.nanoTime();
            if (from.endsWith("/" + nick(occupant))) {
                if ("error".equals(stanza.attribute("type"))) {
                    joins.get(occupant).tryFail("join refused: " + Stanzas.errorCondition(stanza));
                } else {
                    joins.get(occupant).tryComplete(stanza);
                }
            }
        }

        ScenarioResult result() {
            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("occupants", occupants, "sessions"));
            metrics.add(new Metric("senders", senders, "sessions"));
            metrics.add(new Metric("window", window, "messages"));
            deliveries.addTo(metrics, run, "deliveries_per_s");
            watch.addTo(metrics);
            return new ScenarioResult(name, metrics, deliveries.ledger().counts());
        }
    }

    private static String nick(int occupant) {
        return "o" + occupant;
    }

    private static long key(int sender, long seq) {
        return ((long) sender << 40) | seq;
    }
}
