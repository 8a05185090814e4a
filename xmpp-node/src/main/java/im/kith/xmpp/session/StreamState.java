package im.kith.xmpp.session;

import im.kith.xmpp.sasl.SaslExchange;

/** Where a client stream is in its negotiation (RFC 6120 §4–§7). */
sealed interface StreamState {

    /** Before authentication: waiting for the header, STARTTLS, or a SASL {@code <auth/>}. */
    record Unauthenticated() implements StreamState {
    }

    /** A SASL exchange is running. */
    record Authenticating(SaslExchange exchange) implements StreamState {
    }

    /** A SASL2 exchange is running (XEP-0388 §2.4); the request holds what to do on success. */
    record Sasl2Authenticating(SaslExchange exchange, Sasl2Request request) implements StreamState {
    }

    /**
     * SASL2 authentication succeeded and its inline requests (resumption, Bind 2) are being carried out
     * before {@code <success/>} is sent; the client must send nothing meanwhile (XEP-0388 §2.5).
     */
    record Sasl2Completing(String localpart) implements StreamState {
    }

    /** SASL succeeded; waiting for the restarted stream (none after SASL2) and resource binding. */
    record Authenticated(String localpart) implements StreamState {
    }

    /** A resource is bound; stanzas flow. */
    record Bound(ClientSession session) implements StreamState {
    }

    /** The stream is over. */
    record Closed() implements StreamState {
    }
}
