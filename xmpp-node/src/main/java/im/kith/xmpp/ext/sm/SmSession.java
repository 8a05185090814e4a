package im.kith.xmpp.ext.sm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

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

    /** The 'h' of handled inbound stanzas. */
    long handled() {
        return handled;
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
    public void received(ClientSession s) {
        handled = (handled + 1) & SmXml.MASK; // §4: wraps from 2^32-1 to 0
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
