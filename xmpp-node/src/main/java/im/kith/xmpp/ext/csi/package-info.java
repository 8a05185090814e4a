/**
 * XEP-0352 Client State Indication (urn:xmpp:csi:0): the {@code <csi/>} stream feature (§5.1) and the
 * {@code <active/>}/{@code <inactive/>} nonzas (§5.2). While a client is inactive the server holds what
 * is not worth waking it for (§3: presence updates, messages with only XEP-0085 chat states), keeping the
 * latest per sender, and flushes it, in order, before anything important, on {@code <active/>}, when the
 * held set grows past a bound, and when the session is resumed (§6.2: a resumed stream starts active).
 *
 * <p>Configuration: {@code kith.csi.max-held} (100).
 */
package im.kith.xmpp.ext.csi;
