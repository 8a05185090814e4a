/**
 * Portal logins: password checks against the account's SCRAM credentials through the node's SASL PLAIN
 * mechanism and login throttle, and server-side sessions kept in memory with an idle expiry and a bound.
 */
package im.kith.portal.session;
