package im.kith.xmpp.im.presence;

import java.util.List;
import java.util.Set;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/** The syntax rules of RFC 6121 §4.7 that the server checks on presence from its clients. */
final class PresenceSyntax {
    private static final Set<String> TYPES = Set.of("unavailable", "subscribe", "subscribed", "unsubscribe",
            "unsubscribed", "probe", "error");
    private static final Set<String> SHOWS = Set.of("away", "chat", "dnd", "xa");

    private PresenceSyntax() {
    }

    /** §4.7.1: absent or one of the defined values. */
    static boolean knownType(String type) {
        return type == null || TYPES.contains(type);
    }

    /** What is wrong with an available or unavailable presence, or null when nothing is. */
    static String problem(Stanza presence) {
        Element e = presence.element();
        List<Element> shows = e.elements("show", Ns.CLIENT);
        if (shows.size() > 1) {
            return "more than one <show/>";
        }
        if (shows.size() == 1 && !SHOWS.contains(shows.getFirst().text())) {
            // §4.7.2.1: show MUST be one of away, chat, dnd, xa.
            return "<show/> must be away, chat, dnd or xa";
        }
        List<Element> priorities = e.elements("priority", Ns.CLIENT);
        if (priorities.size() > 1) {
            return "more than one <priority/>";
        }
        if (priorities.size() == 1) {
            // §4.7.2.3: an integer between -128 and +127.
            try {
                int p = Integer.parseInt(priorities.getFirst().text().trim());
                if (p < -128 || p > 127) {
                    return "<priority/> must be between -128 and 127";
                }
            } catch (NumberFormatException ex) {
                return "<priority/> must be an integer";
            }
        }
        return null;
    }
}
