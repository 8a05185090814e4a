/**
 * XEP-0280 Message Carbons (urn:xmpp:carbons:2): enabling and disabling per resource (§4, §5), copies of
 * the messages an account sends (§8, {@code <sent/>}) and receives (§7, {@code <received/>}) to its other
 * Carbons-enabled resources, wrapped with XEP-0297 forwarding, by the eligibility rules of §6.1 and the
 * opt-out of §9 ({@code <private/>}, with the XEP-0334 §4.3 {@code <no-copy/>} hint). Per §11, carbons
 * that do not come from the account's own bare JID are stripped from messages before delivery, and
 * {@code <private/>} is removed from messages delivered to local resources.
 */
package im.kith.xmpp.ext.carbons;
