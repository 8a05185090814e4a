package im.kith.xmpp.im.presence;

import java.util.LinkedHashSet;
import java.util.Set;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;

/**
 * The entities a session sent directed presence to (RFC 6121 §4.6), kept on the session so that its
 * unavailable presence reaches them too (§4.6.3). Every recipient is remembered, subscribers included;
 * the unavailable broadcast sends one stanza per address. Event loop only.
 */
final class DirectedPresence {
    /** Bound on remembered recipients per session; beyond it new recipients are not remembered. */
    static final int LIMIT = 1000;

    private static final SessionKey<Set<Jid>> RECIPIENTS = new SessionKey<>("directed-presence");

    private DirectedPresence() {
    }

    /** Notes a directed available presence, or forgets the recipient of a directed unavailable one (§4.6.2). */
    static void remember(LocalSession session, Stanza presence) {
        Set<Jid> recipients = session.get(RECIPIENTS);
        if (presence.type() == null) {
            if (recipients == null) {
                recipients = new LinkedHashSet<>();
                session.put(RECIPIENTS, recipients);
            }
            if (recipients.size() < LIMIT) {
                recipients.add(presence.to());
            }
        } else if (recipients != null) {
            recipients.remove(presence.to());
        }
    }

    /** Takes the recipients, leaving none. */
    static Set<Jid> drain(LocalSession session) {
        Set<Jid> recipients = session.get(RECIPIENTS);
        session.put(RECIPIENTS, null);
        return recipients == null ? Set.of() : recipients;
    }
}
