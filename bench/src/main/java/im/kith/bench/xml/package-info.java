/**
 * Just enough XML for an XMPP client: an incremental stream parser built on Aalto's non-blocking reader
 * that yields each top-level stanza as an immutable {@link im.kith.bench.xml.Element}, and escaping.
 */
package im.kith.bench.xml;
