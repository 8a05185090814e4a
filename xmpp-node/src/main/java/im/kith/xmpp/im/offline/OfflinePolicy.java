package im.kith.xmpp.im.offline;

import java.util.Set;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/**
 * Which messages are worth keeping for an offline account (RFC 6121 §8.5.2.2, XEP-0160 §3). Only normal
 * and chat messages reach offline storage (the router drops or bounces the other types), and of those:
 * <ul>
 * <li>never one with an XEP-0334 {@code <no-store/>} or {@code <no-permanent-store/>} hint;</li>
 * <li>always one with a {@code <store/>} hint;</li>
 * <li>one with a {@code <body/>} or {@code <subject/>}, an encrypted payload (OMEMO, OpenPGP for XMPP,
 * legacy OpenPGP), a group chat invitation (XEP-0249, XEP-0045 mediated) or a delivery receipt
 * (XEP-0184).</li>
 * </ul>
 * Anything else, typically chat state notifications (XEP-0085 §5.5), is dropped silently.
 */
final class OfflinePolicy {
    static final String HINTS = "urn:xmpp:hints";
    private static final Set<String> CONTENT_NAMESPACES = Set.of(
            "eu.siacs.conversations.axolotl", "urn:xmpp:omemo:2", "urn:xmpp:openpgp:0", "jabber:x:encrypted",
            "jabber:x:conference", "http://jabber.org/protocol/muc#user");
    private static final String RECEIPTS = "urn:xmpp:receipts";

    private OfflinePolicy() {
    }

    static boolean worthStoring(Stanza message) {
        Element m = message.element();
        if (m.child("no-store", HINTS) != null || m.child("no-permanent-store", HINTS) != null) {
            return false;
        }
        if (m.child("store", HINTS) != null || m.child("body", Ns.CLIENT) != null || m.child("subject", Ns.CLIENT) != null
                || m.child("received", RECEIPTS) != null) {
            return true;
        }
        for (Element child : m.elements()) {
            if (CONTENT_NAMESPACES.contains(child.namespace())) {
                return true;
            }
        }
        return false;
    }
}
