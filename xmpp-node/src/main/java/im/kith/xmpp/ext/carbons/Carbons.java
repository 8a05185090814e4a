package im.kith.xmpp.ext.carbons;

import java.util.Set;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/** The eligibility rules of XEP-0280 §6.1 and the forwarded copies of §7 and §8. */
final class Carbons {
    static final String NS = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    private static final String HINTS = "urn:xmpp:hints";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    /** §6.1: payloads typically used in IM (receipts, chat states, markers) and XEP-0249 invitations. */
    private static final Set<String> IM_PAYLOADS = Set.of("urn:xmpp:receipts",
            "http://jabber.org/protocol/chatstates", "urn:xmpp:chat-markers:0", "jabber:x:conference");

    /** Which way the copied message went. */
    enum Direction {
        SENT("sent"), RECEIVED("received");

        final String element;

        Direction(String element) {
            this.element = element;
        }
    }

    private Carbons() {
    }

    /** Whether a message is to be copied (§6.1, §9). */
    static boolean eligible(Stanza message, Direction direction) {
        Element m = message.element();
        if (m.child("private", NS) != null || m.child("no-copy", HINTS) != null) {
            return false; // §9: the sender opted out
        }
        if (isCarbon(m)) {
            return false; // a copy is never copied again
        }
        String type = message.type() == null ? "normal" : message.type();
        switch (type) {
            case "chat" -> {
                // §6.1.1: a private message from a MUC occupant is already sent to every joined client.
                return !(direction == Direction.RECEIVED && m.child("x", MUC_USER) != null);
            }
            case "normal" -> {
                if (m.child("body", Ns.CLIENT) != null) {
                    return true;
                }
            }
            default -> {
                // groupchat (§6.1.1), headline, and errors (whose original is not known here) are not copied.
                return false;
            }
        }
        for (Element child : m.elements()) {
            if (IM_PAYLOADS.contains(child.namespace())) {
                return true;
            }
        }
        return false;
    }

    static boolean isCarbon(Element message) {
        return message.child("sent", NS) != null || message.child("received", NS) != null;
    }

    /** The message without any {@code <sent/>} or {@code <received/>} it claims (§11). */
    static Element withoutCarbons(Element message) {
        return message.withoutChildren(e -> NS.equals(e.namespace())
                && (e.name().equals("sent") || e.name().equals("received")));
    }

    /**
     * A copy for one resource (§7, §8): same type, from the account's bare JID, to the resource, the
     * original inside {@code <forwarded/>} (XEP-0297).
     */
    static Stanza copy(Direction direction, Jid account, Jid resource, Stanza original) {
        Element forwarded = Element.builder("forwarded", FORWARD).child(original.element()).build();
        Element message = Element.builder("message", Ns.CLIENT)
                .attribute("from", account.toString())
                .attribute("to", resource.toString())
                .attribute("type", original.type())
                .child(Element.builder(direction.element, NS).child(forwarded).build())
                .build();
        return new Stanza(StanzaKind.MESSAGE, message, account, resource);
    }
}
