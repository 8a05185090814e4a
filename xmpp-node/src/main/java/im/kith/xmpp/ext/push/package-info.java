/**
 * XEP-0357 Push Notifications (version 0.4, {@code urn:xmpp:push:0}): clients enable (§5) and disable
 * (§6) notifications to an app server; when a message arrives for an account while a registered device
 * is offline or detached (stream management), the server publishes a summary to the app server (§7)
 * with {@code message-count} and, only if configured, {@code last-message-sender} — never the body.
 * Registrations are kept in PostgreSQL (table {@code push_registrations}).
 */
package im.kith.xmpp.ext.push;
