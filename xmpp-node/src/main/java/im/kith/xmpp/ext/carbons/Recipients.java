package im.kith.xmpp.ext.carbons;

import java.util.ArrayList;
import java.util.List;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.stanza.Stanza;

/**
 * The resources that receive a chat or normal message by RFC 6121 §8.5 (as router.LocalDelivery chooses
 * them), so that §7 of XEP-0280 can leave them out of the copies.
 */
final class Recipients {

    private Recipients() {
    }

    static List<LocalSession> of(Stanza message, List<LocalSession> sessions) {
        if (message.to() != null && !message.to().isBare()) {
            for (LocalSession s : sessions) {
                if (s.jid().equals(message.to())) {
                    return List.of(s); // §8.5.3.1: the resource it was addressed to
                }
            }
            // §8.5.3.2.1: for an unbound resource, chat and normal messages go as if to the bare JID.
        }
        // §8.5.2.1.1: the available resources with the highest non-negative priority.
        int best = -1;
        for (LocalSession s : sessions) {
            if (s.available() && s.priority() > best) {
                best = s.priority();
            }
        }
        List<LocalSession> out = new ArrayList<>(2);
        for (LocalSession s : sessions) {
            if (best >= 0 && s.available() && s.priority() == best) {
                out.add(s);
            }
        }
        return out;
    }
}
