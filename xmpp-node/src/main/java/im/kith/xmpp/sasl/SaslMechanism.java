package im.kith.xmpp.sasl;

/** A server-side SASL mechanism (RFC 6120 §6; RFC 4422). Implementations are stateless beans. */
public interface SaslMechanism {

    /** The IANA mechanism name, e.g. {@code SCRAM-SHA-256-PLUS}. */
    String name();

    /** Whether the mechanism may be offered on this connection (PLAIN needs TLS, -PLUS needs a binding). */
    boolean offerable(SaslContext context);

    /** Begins one authentication exchange. */
    SaslExchange start(SaslContext context);
}
