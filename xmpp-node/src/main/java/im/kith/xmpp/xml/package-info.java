/**
 * The XML layer: bytes to {@link im.kith.xmpp.xml.Element} events with Aalto's async parser, and
 * elements back to text. Plain Java, no networking. Implements the restrictions of RFC 6120 §11, on a
 * continuous stream ({@link im.kith.xmpp.xml.XmlStreamDecoder}) or one element per transport message
 * as WebSocket (RFC 7395 §3.3.3) and BOSH frame it ({@link im.kith.xmpp.xml.XmlFrameDecoder}).
 */
package im.kith.xmpp.xml;
