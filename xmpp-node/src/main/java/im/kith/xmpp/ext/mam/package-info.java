/**
 * Message archives: XEP-0313 Message Archive Management ({@code urn:xmpp:mam:2} and
 * {@code urn:xmpp:mam:2#extended}) on each account's bare JID, paged with XEP-0059 Result Set
 * Management, archiving preferences (XEP-0441, same namespace), server-assigned XEP-0359
 * {@code <stanza-id/>}s, XEP-0334 storage hints, and age-based retention.
 *
 * <p>Archiving never blocks an event loop: a hook assigns the id and queues the row; one virtual
 * thread writes queued rows in batches (see {@link im.kith.xmpp.ext.mam.ArchiveWriter}).
 */
package im.kith.xmpp.ext.mam;
