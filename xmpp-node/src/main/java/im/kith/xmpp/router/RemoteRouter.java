package im.kith.xmpp.router;

import im.kith.xmpp.stanza.Stanza;

/** Carries stanzas to other domains (server-to-server, RFC 6120 §13). */
public interface RemoteRouter {

    /** Sends a stanza whose 'to' is not a local domain; failures are bounced to the sender as errors. */
    void send(Stanza stanza);
}
