/**
 * Offline message storage, RFC 6121 §8.5.2.2 and XEP-0160, with XEP-0203 delay stamps. What is stored
 * is decided by {@link im.kith.xmpp.im.offline.OfflinePolicy}; messages arriving together for one account
 * are stored in one transaction, up to {@code kith.offline.max-messages} (1000) per account. Stored
 * messages are delivered, oldest first, to the first resource that becomes available with a non-negative
 * priority, and deleted by the statement that reads them, so that two resources coming online together
 * never both get one.
 */
package im.kith.xmpp.im.offline;
