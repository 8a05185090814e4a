/**
 * The Kith web portal under {@code /portal}: members manage their own account and see what Kith stores
 * about them; administrators look after the node, its accounts, invites and circles. Pages are rendered
 * on the server with Qute and work without JavaScript.
 */
package im.kith.portal;
