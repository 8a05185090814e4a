package im.kith.xmpp.s2s;

/** The outcome of checking a peer's certificate for one domain (RFC 6120 §13.7.2, RFC 7590 §3). */
public sealed interface PeerVerdict {

    /** The chain validates to a trust anchor and names the domain. */
    record Trusted() implements PeerVerdict {
    }

    /** The certificate cannot authenticate the domain. */
    record Untrusted(String reason) implements PeerVerdict {
    }

    default boolean trusted() {
        return this instanceof Trusted;
    }
}
