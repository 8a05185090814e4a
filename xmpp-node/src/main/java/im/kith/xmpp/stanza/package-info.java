/**
 * The immutable stanza model of RFC 6120 §8: message, presence and IQ over {@link im.kith.xmpp.xml.Element},
 * stanza errors (§8.3) and stream error conditions (§4.9.3). Plain Java.
 */
package im.kith.xmpp.stanza;
