/**
 * The XML layer: bytes to {@link im.kith.xmpp.xml.Element} events with Aalto's async parser, and
 * elements back to text. Plain Java, no networking. Implements the restrictions of RFC 6120 §11.
 */
package im.kith.xmpp.xml;
