/**
 * A minimal non-blocking XMPP client on Vert.x: TCP, STARTTLS, SASL SCRAM, resource binding and initial
 * presence (RFC 6120/6121), IQ request tracking, and raw stanza sending for load generation.
 */
package im.kith.bench.xmpp;
