/**
 * XEP-0050 Ad-Hoc Commands (version 1.3) on the server JID: the command list on the disco#items node
 * {@code http://jabber.org/protocol/commands} (§2.2), disco#info per command (§2.3), and execution with
 * sessions, actions and XEP-0004 data forms (§3, §4). Other modules add commands by providing
 * {@link im.kith.xmpp.ext.adhoc.AdHocCommand} beans.
 */
package im.kith.xmpp.ext.adhoc;
