/** Operator-facing status of the running node. */
package im.kith.xmpp.status;
