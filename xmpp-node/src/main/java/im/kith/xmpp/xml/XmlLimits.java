package im.kith.xmpp.xml;

/**
 * Bounds enforced while parsing, so that no peer can make the server buffer or recurse without limit.
 *
 * @param maxStanzaBytes    bytes one first-level element may span (RFC 6120 §13.12 item 4)
 * @param maxDepth          nesting depth inside a first-level element
 * @param maxAttributes     attributes on one element
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {
}
