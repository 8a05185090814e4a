/**
 * Message archives: XEP-0313 Message Archive Management ({@code urn:xmpp:mam:2} and
 * {@code urn:xmpp:mam:2#extended}) on each account's bare JID, paged with XEP-0059 Result Set
 * Management, archiving preferences (XEP-0441, same namespace), server-assigned XEP-0359
 * {@code <stanza-id/>}s, XEP-0334 storage hints, and age-based retention.
 *
 * <p>Preferences (XEP-0441 §2.1): the defaults 'always', 'never' and 'roster' (archive only messages
 * with contacts whose bare JID is on the user's roster, §2.1.1), overridden by the always and never
 * lists matched as §2.3.1 says; the target is the 'from' of incoming and the 'to' of outgoing messages
 * (§2.3.2, §2.3.3). With 'roster', the account's own JID counts only if it is on its roster. A JID on
 * both lists is not archived (the XEP leaves that case open).
 *
 * <p>Archiving never blocks an event loop: a hook assigns the id and queues the row; one virtual
 * thread writes queued rows in batches, retrying failed ones until the database takes them (see
 * {@link im.kith.xmpp.ext.mam.ArchiveWriter}); preferences and, for the 'roster' default, the roster
 * contacts are held in memory
 * ({@link im.kith.xmpp.ext.mam.Preferences}, {@link im.kith.xmpp.ext.mam.RosterContacts}).
 */
package im.kith.xmpp.ext.mam;
