package im.kith.xmpp.session;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionDeliveryHook;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlWriter;

/**
 * A bound client resource (RFC 6120 §7): its JID, presence state and per-feature state. It writes
 * through the {@link C2sStream} it is currently attached to, so that a resumed stream (XEP-0198) can
 * take it over. All state is confined to the attached stream's event loop.
 */
public final class ClientSession implements LocalSession {
    private final Jid jid;
    private final SessionServices services;
    private final Map<SessionKey<?>, Object> attributes = new IdentityHashMap<>(4);
    private volatile C2sStream stream;
    private Stanza presence;
    private int priority;
    private boolean interested;

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
        s.executor().execute(() -> deliverNow(stanza));
    }

    private void deliverNow(Stanza stanza) {
        Stanza out = stanza;
        for (SessionDeliveryHook hook : services.features().sessionDeliveryHooks()) {
            out = hook.beforeWrite(this, out);
            if (out == null) {
                return;
            }
        }
        write(out);
    }

    @Override
    public void write(Stanza stanza) {
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
        C2sStream s = stream;
        s.executor().execute(() -> s.closeWithError(condition, text));
    }

    /** Moves the session onto another stream (stream resumption). */
    public void attach(C2sStream newStream) {
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
