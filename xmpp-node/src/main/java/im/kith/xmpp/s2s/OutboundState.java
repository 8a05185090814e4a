package im.kith.xmpp.s2s;

/** Where an outgoing server stream is (RFC 6120 §4–§6, XEP-0220 §2.1). */
sealed interface OutboundState {

    /** Header sent; waiting for the peer's header and features. */
    record Opening() implements OutboundState {
    }

    /** {@code <starttls/>} sent; waiting for proceed and the handshake. */
    record StartingTls() implements OutboundState {
    }

    /** SASL EXTERNAL requested. */
    record SaslExternal() implements OutboundState {
    }

    /** SASL succeeded; waiting for the restarted stream's features. */
    record SaslDone() implements OutboundState {
    }

    /** {@code <db:result/>} sent; waiting for the verdict. */
    record Dialback() implements OutboundState {
    }

    /** Authenticated (or, for a verification stream, secured): elements flow. */
    record Ready() implements OutboundState {
    }

    /** Over. */
    record Closed() implements OutboundState {
    }
}
