package im.kith.xmpp.xml;

import java.util.Map;

/**
 * The opening {@code <stream:stream>} tag (RFC 6120 §4.7).
 *
 * @param attributes       unprefixed attributes (to, from, id, version) and {@code xml:lang}
 * @param defaultNamespace the content namespace declared on the root, e.g. {@code jabber:client}
 * @param prefixes         other namespace declarations, prefix → URI (e.g. {@code db} for dialback)
 */
public record StreamHeader(Map<String, String> attributes, String defaultNamespace, Map<String, String> prefixes) {

    public String attribute(String name) {
        return attributes.get(name);
    }
}
