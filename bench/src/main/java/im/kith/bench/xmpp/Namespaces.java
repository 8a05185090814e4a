package im.kith.bench.xmpp;

/** XML namespaces used by the client. */
final class Namespaces {
    static final String STREAM = "http://etherx.jabber.org/streams";
    static final String CLIENT = "jabber:client";
    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    static final String PING = "urn:xmpp:ping";

    private Namespaces() {}
}
