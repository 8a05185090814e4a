package im.kith.xmpp.ext.pep;

import java.time.Instant;

/**
 * An item of a node as stored.
 *
 * @param payload   the serialised payload element
 * @param publisher the full JID that published it
 */
public record StoredItem(String node, String id, String payload, String publisher, Instant publishedAt) {
}
