package im.kith.xmpp.stanza;

import im.kith.xmpp.xml.Element;

/**
 * A stanza error (RFC 6120 §8.3): type, defined condition, optional text and application condition.
 */
public record StanzaError(StanzaErrorType type, StanzaErrorCondition condition, String text,
        Element applicationCondition) {

    public static StanzaError of(StanzaErrorCondition condition) {
        return new StanzaError(condition.defaultType(), condition, null, null);
    }

    public static StanzaError of(StanzaErrorCondition condition, String text) {
        return new StanzaError(condition.defaultType(), condition, text, null);
    }

    public StanzaError withApplicationCondition(Element condition) {
        return new StanzaError(type, this.condition, text, condition);
    }

    /** The {@code <error/>} child (§8.3.2). */
    public Element toElement() {
        Element.Builder b = Element.builder("error", Ns.CLIENT).attribute("type", type.attributeValue())
                .child(Element.of(condition.elementName(), Ns.STANZA_ERRORS));
        if (text != null) {
            b.child(Element.builder("text", Ns.STANZA_ERRORS).attribute("xml:lang", "en").text(text).build());
        }
        b.child(applicationCondition);
        return b.build();
    }
}
