package im.kith.xmpp.ext.sm;

import java.time.Instant;

import im.kith.xmpp.stanza.Stanza;

/** A stanza sent to the client and not acknowledged yet, with the time it was sent. */
record Unacked(Stanza stanza, Instant sentAt) {
}
