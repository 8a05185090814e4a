package im.kith.xmpp.xml;

/** Character data, held unescaped. */
public record Text(String value) implements Node {
}
