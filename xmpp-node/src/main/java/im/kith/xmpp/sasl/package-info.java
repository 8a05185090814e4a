/**
 * SASL authentication (RFC 6120 §6, RFC 4422): the mechanism SPI the c2s session drives, and the
 * mechanisms SCRAM-SHA-256(-PLUS), SCRAM-SHA-1(-PLUS) (RFC 5802, RFC 7677) and PLAIN (RFC 4616).
 */
package im.kith.xmpp.sasl;
