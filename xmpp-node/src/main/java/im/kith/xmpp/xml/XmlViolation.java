package im.kith.xmpp.xml;

/**
 * Why the decoder stopped. Each value names the RFC 6120 §4.9.3 stream error condition it maps to.
 */
public enum XmlViolation {
    /** §4.9.3.13: the data is not well-formed XML. */
    NOT_WELL_FORMED,
    /** §4.9.3.18: DTD, comment, processing instruction or entity reference (§11.1). */
    RESTRICTED_XML,
    /** §4.9.3.14: a configured limit (size, depth, attributes) was exceeded. */
    POLICY_VIOLATION,
    /** §4.9.3.10: the stream root is not {@code <stream:stream/>} in the streams namespace. */
    INVALID_NAMESPACE,
    /** §4.9.3.1: the XML is well-formed but not acceptable as a stream (e.g. text between stanzas). */
    BAD_FORMAT,
    /** §4.9.3.22: the stream is not UTF-8 (§11.6). */
    UNSUPPORTED_ENCODING
}
