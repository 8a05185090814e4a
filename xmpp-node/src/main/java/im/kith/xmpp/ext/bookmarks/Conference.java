package im.kith.xmpp.ext.bookmarks;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * A room bookmark (XEP-0402 §3.1 / XEP-0048 §3.2).
 *
 * @param extensions the XEP-0402 {@code <extensions/>} element, kept as given, or null
 */
public record Conference(Jid room, String name, boolean autojoin, String nick, String password, Element extensions) {
}
