/**
 * Personal eventing: XEP-0163 (PEP, version 1.2) over the subset of XEP-0060 (Publish-Subscribe,
 * version 1.26) that PEP clients use, on each account's bare JID, with XEP-0223 publish-options.
 *
 * <p>Implemented: auto-created nodes with a default configuration (XEP-0163 §7.1); publish with a
 * given or generated item id (XEP-0060 §7.1) and publish-options preconditions (XEP-0060 §7.1.5,
 * XEP-0223 §3); items retrieval, all, by id or the most recent N (§6.5); retract (§7.2); node deletion
 * and configuration by the owner (§8.2, §8.4) for {@code pubsub#access_model} (open, presence,
 * whitelist), {@code pubsub#max_items}, {@code pubsub#persist_items},
 * {@code pubsub#send_last_published_item} and {@code pubsub#notify_retract}; event notifications to
 * the owner's available resources and to contacts with access whose XEP-0115 capabilities carry
 * {@code NODE+notify} (XEP-0163 §4); the last published item to a contact's resource that becomes
 * available (XEP-0163 §4.3.2, XEP-0060 §6.1.7).
 *
 * <p>Capabilities are learnt from the presence that reaches an account: an unknown {@code ver} is asked
 * for with disco#info from the account's bare JID and remembered in memory. The verification string is
 * not recomputed; a forged one only affects which notifications the forger's own resources receive.
 *
 * <p>Not implemented: explicit subscriptions, node creation without publish, purge, collection nodes,
 * roster-group access; {@code persist_items=false} keeps only the latest item (for the last-published
 * item) and answers items requests with it alone.
 */
package im.kith.xmpp.ext.pep;
