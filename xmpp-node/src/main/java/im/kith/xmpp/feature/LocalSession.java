package im.kith.xmpp.feature;

import java.util.concurrent.Executor;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/** A client session as features see it. Methods other than {@link #deliver} run on its event loop. */
public interface LocalSession {

    /** The bound full JID, or null before resource binding. */
    Jid jid();

    /** The authenticated account's localpart, or null before authentication. */
    String localpart();

    /** Whether the session has sent available presence (RFC 6121 §4.2) and not gone unavailable. */
    boolean available();

    /** Priority of the last available presence (RFC 6121 §4.7.2.3); 0 by default. */
    int priority();

    /** The last available presence broadcast by this session, or null. */
    Stanza presence();

    /** Records the session's presence (null for unavailable); called by the presence feature. */
    void presence(Stanza availablePresence);

    /** Whether the client requested the roster (an "interested resource", RFC 6121 §2.1.6). */
    boolean interested();

    void interested(boolean value);

    /** Routes a stanza to this session from any thread; session delivery hooks apply. */
    void deliver(Stanza stanza);

    /** Writes a stanza now, bypassing delivery hooks (for hooks that flush what they held). */
    void write(Stanza stanza);

    /** Writes a non-stanza element on the stream, e.g. an SM ack. Event loop only. */
    void writeElement(Element element);

    /** Per-session feature state. */
    <T> T get(SessionKey<T> key);

    <T> void put(SessionKey<T> key, T value);

    /** Runs a task on this session's event loop. */
    Executor executor();

    /** Whether the connection is TLS-protected. */
    boolean secure();

    /** Ends the session with a stream error condition (RFC 6120 §4.9) and text. */
    void closeWithError(im.kith.xmpp.stanza.StreamErrorCondition condition, String text);
}
