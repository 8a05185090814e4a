package im.kith.xmpp.session;

import java.util.concurrent.Executor;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlWriter;

/**
 * An authenticated stream that has not bound a resource yet (RFC 6120 §7), as stream element handlers
 * see it: it has a localpart but no JID, no presence and no feature state. It is where a detached
 * session can be resumed (XEP-0198 §5) instead of binding a new resource.
 */
public final class UnboundSession implements LocalSession {
    private final C2sStream stream;
    private final String localpart;

    UnboundSession(C2sStream stream, String localpart) {
        this.stream = stream;
        this.localpart = localpart;
    }

    /**
     * Moves {@code session}, which must belong to this stream's account, onto this stream: its previous
     * stream, if still open, is closed with {@code conflict} (XEP-0198 §5), and this stream becomes bound
     * to it. Elements arriving meanwhile wait. Event loop only.
     */
    public void resume(ClientSession session, Resumption resumption) {
        if (!session.localpart().equals(localpart)) {
            throw new IllegalArgumentException("a session of another account");
        }
        stream.takeOver(session, resumption);
    }

    @Override
    public Jid jid() {
        return null;
    }

    @Override
    public String localpart() {
        return localpart;
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Stanza presence() {
        return null;
    }

    @Override
    public void presence(Stanza availablePresence) {
        throw new IllegalStateException("no resource is bound");
    }

    @Override
    public boolean interested() {
        return false;
    }

    @Override
    public void interested(boolean value) {
        throw new IllegalStateException("no resource is bound");
    }

    @Override
    public void deliver(Stanza stanza) {
        throw new IllegalStateException("no resource is bound");
    }

    @Override
    public void write(Stanza stanza) {
        throw new IllegalStateException("no resource is bound");
    }

    @Override
    public void writeElement(Element element) {
        stream.write(XmlWriter.toXml(element, Ns.CLIENT));
    }

    @Override
    public <T> T get(SessionKey<T> key) {
        return null;
    }

    @Override
    public <T> void put(SessionKey<T> key, T value) {
        throw new IllegalStateException("no resource is bound");
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
        stream.closeWithError(condition, text);
    }

    @Override
    public String toString() {
        return "unbound stream of " + localpart;
    }
}
