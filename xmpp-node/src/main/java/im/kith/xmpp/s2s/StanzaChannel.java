package im.kith.xmpp.s2s;

import java.util.concurrent.Executor;

import im.kith.xmpp.xml.Element;

/**
 * A stream that carries stanzas from this server to a remote domain: an outgoing stream, or an
 * incoming one the peer made bidirectional (XEP-0288). {@link #send} runs on {@link #executor()}.
 */
interface StanzaChannel {

    /** Sends a stanza from inside the node (jabber:client elements). */
    void send(Element clientStanza);

    /** Whether the stream is over. */
    boolean closed();

    /** The stream's event loop. */
    Executor executor();
}
