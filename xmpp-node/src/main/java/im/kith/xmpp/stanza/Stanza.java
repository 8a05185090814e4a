package im.kith.xmpp.stanza;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.xml.Element;

/**
 * An immutable stanza (RFC 6120 §8): the element plus its parsed, normalised addresses. The element's
 * namespace is always {@code jabber:client} inside the node; server-to-server streams translate.
 */
public record Stanza(StanzaKind kind, Element element, Jid from, Jid to) {

    /**
     * Reads a first-level element as a stanza.
     *
     * @throws StanzaErrorException {@code jid-malformed} when 'to' or 'from' is not a valid JID
     * @throws IllegalArgumentException when the element is not a stanza
     */
    public static Stanza of(Element element) {
        StanzaKind kind = switch (element.name()) {
            case "message" -> StanzaKind.MESSAGE;
            case "presence" -> StanzaKind.PRESENCE;
            case "iq" -> StanzaKind.IQ;
            default -> throw new IllegalArgumentException("not a stanza: " + element.name());
        };
        return new Stanza(kind, element, jid(element, "from"), jid(element, "to"));
    }

    /** Whether an element is a stanza in the given content namespace (RFC 6120 §4.9.3.10). */
    public static boolean isStanza(Element element, String contentNamespace) {
        return element.namespace().equals(contentNamespace)
                && switch (element.name()) {
                    case "message", "presence", "iq" -> true;
                    default -> false;
                };
    }

    private static Jid jid(Element element, String attribute) {
        String value = element.attribute(attribute);
        if (value == null) {
            return null;
        }
        try {
            return Jid.parse(value);
        } catch (JidException e) {
            // RFC 6120 §8.3.3.8: an address that violates the format rules.
            throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.JID_MALFORMED,
                    "invalid '" + attribute + "' address: " + e.getMessage()));
        }
    }

    public String id() {
        return element.attribute("id");
    }

    /** The 'type' attribute, or null. */
    public String type() {
        return element.attribute("type");
    }

    public boolean isMessage() {
        return kind == StanzaKind.MESSAGE;
    }

    public boolean isPresence() {
        return kind == StanzaKind.PRESENCE;
    }

    public boolean isIq() {
        return kind == StanzaKind.IQ;
    }

    /** For IQs: a request (get or set) as opposed to a response (result or error). */
    public boolean isIqRequest() {
        String t = type();
        return kind == StanzaKind.IQ && ("get".equals(t) || "set".equals(t));
    }

    public boolean isError() {
        return "error".equals(type());
    }

    /** The same stanza with a new 'from' address (the server stamps it, RFC 6120 §8.1.2.1). */
    public Stanza withFrom(Jid newFrom) {
        return new Stanza(kind, element.withAttribute("from", newFrom == null ? null : newFrom.toString()),
                newFrom, to);
    }

    public Stanza withTo(Jid newTo) {
        return new Stanza(kind, element.withAttribute("to", newTo == null ? null : newTo.toString()), from, newTo);
    }

    public Stanza withElement(Element newElement) {
        return new Stanza(kind, newElement, from, to);
    }

    /** The first payload child of an IQ (RFC 6120 §8.2.3: exactly one for get/set). */
    public Element payload() {
        return element.firstElement();
    }

    /** An IQ result answering this request, from its addressee, with an optional payload. */
    public Stanza resultWith(Element payload) {
        Element.Builder b = Element.builder("iq", Ns.CLIENT)
                .attribute("type", "result")
                .attribute("id", id())
                .attribute("from", to == null ? null : to.toString())
                .attribute("to", from == null ? null : from.toString());
        b.child(payload);
        return new Stanza(StanzaKind.IQ, b.build(), to, from);
    }

    /** An error reply to this stanza (RFC 6120 §8.3.1), addressed back to its sender. */
    public Stanza errorReply(StanzaError error) {
        Element.Builder b = Element.builder(element.name(), Ns.CLIENT)
                .attribute("type", "error")
                .attribute("id", id())
                .attribute("from", to == null ? null : to.toString())
                .attribute("to", from == null ? null : from.toString());
        if (kind == StanzaKind.IQ) {
            b.child(payload());
        }
        b.child(error.toElement());
        return new Stanza(kind, b.build(), to, from);
    }
}
