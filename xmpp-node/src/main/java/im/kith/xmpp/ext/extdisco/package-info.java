/**
 * XEP-0215 External Service Discovery for STUN/TURN with short-lived credentials (the TURN REST
 * credential scheme that coturn's use-auth-secret implements).
 */
package im.kith.xmpp.ext.extdisco;
