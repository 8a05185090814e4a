package im.kith.xmpp.feature;

/** A XEP-0030 identity (category/type from the XMPP Registrar). */
public record DiscoIdentity(String category, String type, String name) {
}
