/**
 * Stanza routing: the session registry, the decision of RFC 6120 §10 (server, component, account or
 * remote domain), IQ dispatch to features, and local delivery by the rules of RFC 6121 §8.5.
 */
package im.kith.xmpp.router;
