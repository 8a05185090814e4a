package im.kith.xmpp.ext.mam;

import java.time.Instant;

import im.kith.xmpp.xml.Element;

/** A message read back from an archive. */
public record ArchivedMessage(String id, Instant at, Element message) {
}
