package im.kith.xmpp.ext.muc;

import java.time.Instant;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/** A groupchat message in a room archive: its stanza-id, time, sender and the message as broadcast. */
public record RoomMessage(String id, Instant at, long seq, String nick, Jid sender, Element message) {
}
