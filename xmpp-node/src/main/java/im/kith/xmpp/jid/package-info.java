/**
 * XMPP addresses (RFC 7622, "Extensible Messaging and Presence Protocol (XMPP): Address Format"),
 * normalised with the PRECIS framework (RFC 8264/8265) through the rocks.xmpp precis library.
 */
package im.kith.xmpp.jid;
