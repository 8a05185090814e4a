package im.kith.xmpp.ext.bookmarks;

import java.util.ArrayList;
import java.util.List;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.xml.Element;

/** Room bookmarks as XEP-0402 items and as the XEP-0048 {@code <storage/>} element, both ways. */
final class BookmarkXml {
    static final String NS = "urn:xmpp:bookmarks:1";
    static final String LEGACY_NS = "storage:bookmarks";

    private BookmarkXml() {
    }

    /** The XEP-0402 §3.1 payload; the room JID is the item id. */
    static Element conference(Conference c) {
        Element.Builder b = Element.builder("conference", NS).attribute("name", c.name())
                .attribute("autojoin", c.autojoin() ? "true" : null)
                .textChild("nick", c.nick()).textChild("password", c.password());
        b.child(c.extensions());
        return b.build();
    }

    /** A XEP-0402 item back to a bookmark, or null when the id is no JID. */
    static Conference fromItem(String id, Element payload) {
        Jid room = jid(id);
        if (room == null || !payload.is("conference", NS)) {
            return null;
        }
        return new Conference(room, payload.attribute("name"), bool(payload.attribute("autojoin")),
                payload.childText("nick", NS), payload.childText("password", NS), payload.child("extensions", NS));
    }

    /** XEP-0048 §3: the legacy storage element. */
    static Element storage(List<Conference> conferences) {
        Element.Builder s = Element.builder("storage", LEGACY_NS);
        for (Conference c : conferences) {
            s.child(Element.builder("conference", LEGACY_NS).attribute("jid", c.room())
                    .attribute("name", c.name()).attribute("autojoin", c.autojoin() ? "true" : "false")
                    .textChild("nick", c.nick()).textChild("password", c.password()).build());
        }
        return s.build();
    }

    /** The room bookmarks of a legacy storage element; entries without a valid room JID are skipped. */
    static List<Conference> fromStorage(Element storage) {
        List<Conference> out = new ArrayList<>();
        for (Element c : storage.elements("conference", LEGACY_NS)) {
            Jid room = jid(c.attribute("jid"));
            if (room != null) {
                out.add(new Conference(room.bare(), c.attribute("name"), bool(c.attribute("autojoin")),
                        c.childText("nick", LEGACY_NS), c.childText("password", LEGACY_NS), null));
            }
        }
        return out;
    }

    private static boolean bool(String v) {
        return "true".equals(v) || "1".equals(v);
    }

    private static Jid jid(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Jid.parse(s);
        } catch (JidException e) {
            return null;
        }
    }
}
