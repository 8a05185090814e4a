package im.kith.xmpp.ext.mam;

import java.time.Instant;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * A message on its way into an archive. The element is immutable, so serialising it is left to the
 * writer thread.
 *
 * @param owner     the archive's account localpart
 * @param id        the archive UID, also the {@code <stanza-id/>} of a received message
 * @param at        when the server received the message
 * @param with      the contact (sender of a received, recipient of a sent message)
 * @param direction received or sent
 * @param message   the message as archived
 */
public record ArchiveEntry(String owner, String id, Instant at, Jid with, Direction direction, Element message) {
}
