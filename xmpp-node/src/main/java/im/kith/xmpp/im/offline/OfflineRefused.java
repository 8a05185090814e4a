package im.kith.xmpp.im.offline;

/**
 * Fired when a message for an offline account could not be stored because the database failed, and went
 * back to its sender as an error (a temporary one: the sender may send it again). {@code archiveId} is
 * the id under which the account's archive was to hold it (its XEP-0359 stanza-id), so that the archive
 * can drop its copy too: the sender was told the message did not arrive.
 */
public record OfflineRefused(String owner, String archiveId) {
}
