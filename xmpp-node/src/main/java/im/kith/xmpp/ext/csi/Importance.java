package im.kith.xmpp.ext.csi;

import java.util.Set;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/** Tells stanzas an inactive client can wait for from those it must get at once (XEP-0352 §3). */
final class Importance {
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String CARBONS = "urn:xmpp:carbons:2";
    private static final String FORWARD = "urn:xmpp:forward:0";
    /** Elements that may accompany a chat state without making the message important. */
    private static final Set<String> INCIDENTAL = Set.of(CHAT_STATES, "urn:xmpp:hints", "urn:xmpp:sid:0");

    private Importance() {
    }

    /** The key under which the stanza may be held, or null when it must be delivered now. */
    static HeldKey holdable(Stanza stanza) {
        return switch (stanza.kind()) {
            // Available and unavailable presence only: subscription requests and errors matter.
            case PRESENCE -> stanza.type() == null || "unavailable".equals(stanza.type())
                    ? new HeldKey(StanzaKind.PRESENCE, stanza.from(), null) : null;
            case MESSAGE -> chatStateOnly(stanza);
            case IQ -> null;
        };
    }

    private static HeldKey chatStateOnly(Stanza message) {
        if (message.isError()) {
            return null;
        }
        Element m = copied(message.element());
        boolean chatState = false;
        for (Element child : m.elements()) {
            if (child.namespace().equals(CHAT_STATES)) {
                chatState = true;
            } else if (!INCIDENTAL.contains(child.namespace()) && !child.is("thread", Ns.CLIENT)) {
                return null; // a body, a receipt, anything else: important
            }
        }
        if (!chatState) {
            return null;
        }
        Stanza s = m == message.element() ? message : Stanza.of(m);
        return new HeldKey(StanzaKind.MESSAGE, s.from(), s.to());
    }

    /** For a XEP-0280 carbon copy, the copied message; otherwise the message itself. */
    private static Element copied(Element message) {
        Element carbon = message.child("received", CARBONS);
        if (carbon == null) {
            carbon = message.child("sent", CARBONS);
        }
        Element forwarded = carbon == null ? null : carbon.child("forwarded", FORWARD);
        Element inner = forwarded == null ? null : forwarded.child("message", Ns.CLIENT);
        return inner == null || message.elements().size() != 1 ? message : inner;
    }
}
