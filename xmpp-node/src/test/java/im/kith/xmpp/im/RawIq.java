package im.kith.xmpp.im;

import org.jivesoftware.smack.packet.IQ;

/** An IQ request with a hand-written child element, for requests a client library would not build. */
final class RawIq extends IQ {
    private final String inner;

    RawIq(Type type, String element, String namespace, String inner) {
        super(element, namespace);
        this.inner = inner;
        setType(type);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.append(inner);
        return xml;
    }
}
