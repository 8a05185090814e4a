package im.kith.xmpp.s2s;

/** Where an incoming server stream is (RFC 6120 §4–§6, XEP-0220 §2.2). */
sealed interface InboundState {

    /** Before TLS: only the header and {@code <starttls/>} are accepted. */
    record Unsecured() implements InboundState {
    }

    /** TLS is up; the peer authenticates with SASL EXTERNAL or dialback, or asks us to verify a key. */
    record Secured() implements InboundState {
    }

    /** SASL EXTERNAL succeeded or a dialback result was valid: stanzas from the proven domains flow. */
    record Authenticated() implements InboundState {
    }

    /** Over. */
    record Closed() implements InboundState {
    }
}
