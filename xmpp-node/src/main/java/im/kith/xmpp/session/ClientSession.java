package im.kith.xmpp.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionDeliveryHook;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlWriter;

/**
 * A bound client resource (RFC 6120 §7): its JID, presence state and per-feature state. It writes
 * through the {@link C2sStream} it is currently attached to, so that a resumed stream (XEP-0198) can
 * take it over. All state is confined to the attached stream's event loop; when the session moves to
 * another stream, the move itself hands the state over (see {@link C2sStream#takeOver}).
 *
 * <p>With a {@link StreamTracker} (XEP-0198), the session can outlive its connection: it stays bound,
 * detached, and every stanza for it is reported to the tracker, until it is resumed or expires.
 */
public final class ClientSession implements LocalSession {
    private final Jid jid;
    private final SessionServices services;
    private final Map<SessionKey<?>, Object> attributes = new IdentityHashMap<>(4);
    private volatile C2sStream stream;
    private Stanza presence;
    private int priority;
    private boolean interested;
    private StreamTracker tracker;
    private boolean ended;
    /** Stanzas delivered while the session moves onto a stream that is not bound yet. */
    private List<Stanza> heldDuringTakeover;

    ClientSession(Jid jid, C2sStream stream, SessionServices services) {
        this.jid = jid;
        this.stream = stream;
        this.services = services;
    }

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public String localpart() {
        return jid.local();
    }

    @Override
    public boolean available() {
        return presence != null;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Stanza presence() {
        return presence;
    }

    @Override
    public void presence(Stanza availablePresence) {
        this.presence = availablePresence;
        this.priority = availablePresence == null ? 0 : parsePriority(availablePresence);
    }

    private static int parsePriority(Stanza p) {
        String value = p.element().childText("priority", Ns.CLIENT);
        if (value == null) {
            return 0;
        }
        try {
            // RFC 6121 §4.7.2.3: an integer between -128 and +127.
            return Math.max(-128, Math.min(127, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public boolean interested() {
        return interested;
    }

    @Override
    public void interested(boolean value) {
        this.interested = value;
    }

    @Override
    public void deliver(Stanza stanza) {
        C2sStream s = stream;
        s.executor().execute(() -> {
            if (stream != s) {
                deliver(stanza); // the session moved to another stream (and event loop) meanwhile
            } else {
                deliverNow(stanza);
            }
        });
    }

    private void deliverNow(Stanza stanza) {
        if (ended) {
            return;
        }
        if (!stream.isBound() && !stream.closed()) {
            // Being resumed on a stream that has not answered <resumed/> yet: keep the order.
            if (heldDuringTakeover == null) {
                heldDuringTakeover = new ArrayList<>();
            }
            heldDuringTakeover.add(stanza);
            return;
        }
        Stanza out = stanza;
        for (SessionDeliveryHook hook : services.features().sessionDeliveryHooks()) {
            out = hook.beforeWrite(this, out);
            if (out == null) {
                return;
            }
        }
        write(out);
    }

    /** Delivers what arrived during a takeover, once the new stream is bound. */
    void releaseHeld() {
        List<Stanza> held = heldDuringTakeover;
        heldDuringTakeover = null;
        if (held != null) {
            held.forEach(this::deliverNow);
        }
    }

    @Override
    public void write(Stanza stanza) {
        if (tracker != null) {
            tracker.sent(this, stanza);
        }
        stream.writeStanza(stanza.element());
    }

    /** Writes a stanza again without reporting it to the tracker (XEP-0198 §5 retransmission). */
    public void resend(Stanza stanza) {
        stream.writeStanza(stanza.element());
    }

    @Override
    public void writeElement(Element element) {
        stream.write(XmlWriter.toXml(element, Ns.CLIENT));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(SessionKey<T> key) {
        return (T) attributes.get(key);
    }

    @Override
    public <T> void put(SessionKey<T> key, T value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    @Override
    public Executor executor() {
        return stream.executor();
    }

    @Override
    public boolean secure() {
        return stream.secure();
    }

    @Override
    public void closeWithError(StreamErrorCondition condition, String text) {
        closeWithError(condition, text, null);
    }

    /**
     * Ends the session with a stream error that may carry an application-specific condition (RFC 6120
     * §4.9.4). A detached session just ends. Any thread.
     */
    public void closeWithError(StreamErrorCondition condition, String text, Element applicationCondition) {
        C2sStream s = stream;
        s.executor().execute(() -> {
            if (stream != s) {
                closeWithError(condition, text, applicationCondition);
            } else if (s.closed()) {
                end();
            } else {
                s.closeWithError(condition, text, applicationCondition);
            }
        });
    }

    /**
     * Runs a task on the session's event loop, following the session onto its new stream (and event loop)
     * should it be resumed meanwhile. Any thread.
     */
    public void execute(Runnable task) {
        C2sStream s = stream;
        s.executor().execute(() -> {
            if (stream != s) {
                execute(task);
            } else {
                task.run();
            }
        });
    }

    /** Ends the session if it is still detached from any stream (a resumption window passed). Event loop only. */
    public void expire() {
        if (stream.closed()) {
            end();
        }
    }

    /** Whether the session is bound but has no open stream (awaiting XEP-0198 resumption). */
    public boolean detached() {
        return stream.closed() && !ended;
    }

    /** Whether the session is over. */
    public boolean ended() {
        return ended;
    }

    /** Attaches the stream-management tracker; at most one per session. Event loop only. */
    public void track(StreamTracker streamTracker) {
        if (tracker != null) {
            throw new IllegalStateException("already tracked");
        }
        this.tracker = streamTracker;
    }

    /** The stream-management tracker, or null. */
    public StreamTracker tracker() {
        return tracker;
    }

    /** Runs a task on the session's event loop after a delay, through its current connection. */
    public Connection.Cancellable schedule(Duration delay, Runnable task) {
        return stream.schedule(delay, task);
    }

    /**
     * The stream under the session ended. A resumable end (connection lost, RFC 6120 §4.6.1 timeout)
     * that the tracker retains leaves the session bound and detached; anything else ends it.
     */
    void streamEnded(boolean resumable) {
        if (!(resumable && tracker != null && !ended && tracker.retain(this))) {
            end();
        }
    }

    /** Ends the session: unbinds it, tells the listeners (unavailable presence) and the tracker. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        heldDuringTakeover = null;
        if (services.registry().unbind(this)) {
            for (SessionListener l : services.features().sessionListeners()) {
                l.closed(this);
            }
        }
        if (tracker != null) {
            tracker.ended(this);
        }
    }

    /** Moves the session onto another stream (stream resumption). Called by the taking stream. */
    void attach(C2sStream newStream) {
        this.stream = newStream;
    }

    /** The stream the session currently writes to. */
    public C2sStream stream() {
        return stream;
    }

    @Override
    public String toString() {
        return "session " + jid;
    }
}
