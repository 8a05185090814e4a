package im.kith.xmpp.ext.muc;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * One joined client (XEP-0045 §7.2): its nickname, real full JID, role, and the presence it last sent
 * to the room, without the MUC extensions the room adds.
 */
public record Occupant(String nick, Jid jid, MucRole role, Element presence) {

    public Occupant withRole(MucRole newRole) {
        return new Occupant(nick, jid, newRole, presence);
    }

    public Occupant withNick(String newNick) {
        return new Occupant(newNick, jid, role, presence);
    }

    public Occupant withPresence(Element newPresence) {
        return new Occupant(nick, jid, role, newPresence);
    }
}
