package im.kith.xmpp.feature;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;

/**
 * An IQ request being handled.
 *
 * @param iq      the request, with 'from' stamped
 * @param target  the addressed bare account JID, or the server domain
 * @param session the requesting local client session; null when the request came over federation or
 *                before authentication
 * @param stream  the unauthenticated stream of a pre-authentication request; null for all others
 */
public record IqRequest(Stanza iq, Jid target, LocalSession session, PreAuthStream stream) {

    public IqRequest(Stanza iq, Jid target, LocalSession session) {
        this(iq, target, session, null);
    }

    public Jid sender() {
        return iq.from();
    }

    /** Whether the requester is the addressed account itself (one of its own resources). */
    public boolean fromOwner() {
        return iq.from() != null && iq.from().bare().equals(target);
    }
}
