package im.kith.xmpp.ext.sm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import im.kith.xmpp.session.C2sStream;
import im.kith.xmpp.session.ClientSession;
import im.kith.xmpp.session.StreamTracker;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StreamErrorCondition;

/**
 * The stream management state of one session (XEP-0198 §4): the count of stanzas handled from the
 * client, and the stanzas sent to it that it has not acknowledged. It outlives the session's connection
 * when resumable. Confined to the session's event loop, like the session.
 *
 * <p>§4 defines "handled" as the server having accepted responsibility for a stanza, and until then the
 * server must resend it or generate an error. So a stanza counts toward 'h' only once its handling is
 * complete (a message for an offline account: once stored or bounced), and in order: 'h' is the length
 * of the prefix of received stanzas that are handled. An {@code <r/>} that arrives while some received
 * before it are still being handled is answered once they are.
 */
final class SmSession implements StreamTracker {
    private static final Logger LOG = Logger.getLogger(SmSession.class);

    private final ClientSession session;
    private final String id;
    private final Duration window;
    private final int maxUnacked;
    private final Clock clock;
    private final ResumableSessions resumable;
    private final UnackedRerouter rerouter;
    private final ArrayDeque<Unacked> unacked = new ArrayDeque<>();
    /** Received stanzas not yet counted as handled, in order; the first is still being handled. */
    private final ArrayDeque<CompletableFuture<Void>> handling = new ArrayDeque<>();
    /** For each {@code <r/>} not yet answered, how many stanzas had been received before it. */
    private final ArrayDeque<Long> owedAcks = new ArrayDeque<>();
    /** Stanzas received and, of those, handled, counted without wrapping. */
    private long received;
    private long handled;
    private long acked;
    private boolean overflowed;

    /** @param id the SM-ID when the session is resumable, else null */
    SmSession(ClientSession session, String id, Duration window, int maxUnacked, Clock clock,
            ResumableSessions resumable, UnackedRerouter rerouter) {
        this.session = session;
        this.id = id;
        this.window = window;
        this.maxUnacked = maxUnacked;
        this.clock = clock;
        this.resumable = resumable;
        this.rerouter = rerouter;
    }

    String id() {
        return id;
    }

    String localpart() {
        return session.localpart();
    }

    ClientSession session() {
        return session;
    }

    /** The 'h' of handled inbound stanzas (§4: wraps from 2^32-1 to 0). */
    long handled() {
        return handled & SmXml.MASK;
    }

    /**
     * An {@code <r/>} from the client (§4: it MUST be answered with the 'h' of handled stanzas): answered
     * now when every stanza received before it is handled, else as soon as they are.
     */
    void requested() {
        if (handled == received) {
            session.writeElement(SmXml.ack(handled()));
        } else {
            owedAcks.add(received);
        }
    }

    /**
     * The 'h' for {@code <resumed/>} or {@code <failed/>} (§5). Stanzas still being handled count: their
     * outcome (stored, or an error to the sender) no longer depends on the client, and a client told
     * otherwise would send them again. Acknowledgements owed to the previous stream are dropped.
     */
    long handledOnResumption() {
        handling.clear();
        owedAcks.clear();
        handled = received;
        return handled();
    }

    /** How many stanzas were sent, modulo 2^32. */
    long sendCount() {
        return (acked + unacked.size()) & SmXml.MASK;
    }

    /**
     * Applies an 'h' from the client (§4), dropping the stanzas it acknowledges. False when it
     * acknowledges more than was sent; nothing changes then.
     */
    boolean ack(long h) {
        long newlyAcked = (h - acked) & SmXml.MASK;
        if (newlyAcked > unacked.size()) {
            return false;
        }
        for (long i = 0; i < newlyAcked; i++) {
            unacked.poll();
        }
        acked = h;
        return true;
    }

    /** The stanzas still unacknowledged, oldest first. */
    List<Unacked> pending() {
        return List.copyOf(unacked);
    }

    @Override
    public void received(ClientSession s, CompletionStage<Void> done) {
        received++;
        CompletableFuture<Void> f = done.toCompletableFuture();
        if (handling.isEmpty() && f.isDone()) {
            handled++; // the usual case: routed and done at once
            return;
        }
        handling.add(f);
        if (!f.isDone()) {
            f.whenComplete((v, e) -> s.execute(this::advance));
        }
    }

    /** Counts the stanzas at the head of the queue whose handling is complete; answers owed {@code <r/>}s. */
    private void advance() {
        while (!handling.isEmpty() && handling.peek().isDone()) {
            handling.poll();
            handled++;
        }
        boolean answer = false;
        while (!owedAcks.isEmpty() && owedAcks.peek() <= handled) {
            owedAcks.poll();
            answer = true;
        }
        if (answer && !session.ended()) {
            session.writeElement(SmXml.ack(handled()));
        }
    }

    @Override
    public void sent(ClientSession s, Stanza stanza) {
        unacked.add(new Unacked(stanza, clock.instant()));
        if (unacked.size() > maxUnacked && !overflowed) {
            overflowed = true;
            LOG.debugf("%s: more than %d unacknowledged stanzas", s, maxUnacked);
            s.closeWithError(StreamErrorCondition.RESOURCE_CONSTRAINT, "too many unacknowledged stanzas");
        }
    }

    @Override
    public boolean retain(ClientSession s) {
        if (id == null || overflowed) {
            return false;
        }
        // §5: the session stays resumable for the window; then it ends as if closed.
        C2sStream lost = s.stream();
        s.schedule(window, () -> {
            if (s.stream() == lost) {
                LOG.debugf("%s: resumption window passed", s);
                s.expire();
            }
        });
        return true;
    }

    @Override
    public void ended(ClientSession s) {
        if (id != null) {
            resumable.forget(this);
        }
        List<Unacked> lost = List.copyOf(unacked);
        unacked.clear();
        rerouter.reroute(s, lost);
    }
}
