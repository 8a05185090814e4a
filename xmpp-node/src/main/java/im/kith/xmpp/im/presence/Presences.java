package im.kith.xmpp.im.presence;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/** Presence stanzas the server generates. */
final class Presences {

    private Presences() {
    }

    /** A presence of the given type (null: available) between two addresses. */
    static Stanza of(String type, Jid from, Jid to) {
        return Stanza.of(Element.builder("presence", Ns.CLIENT)
                .attribute("type", type)
                .attribute("from", from)
                .attribute("to", to)
                .build());
    }

    static Stanza subscription(SubscriptionType type, Jid from, Jid to) {
        return of(type.value(), from, to);
    }

    /** RFC 6121 §4.3.1: a probe from the user's bare JID to a contact's bare JID. */
    static Stanza probe(Jid account, Jid contact) {
        return of("probe", account, contact);
    }

    static Stanza unavailable(Jid from, Jid to) {
        return of("unavailable", from, to);
    }
}
