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

    /** SASL succeeded; waiting for the restarted stream and resource binding. */
    record Authenticated(String localpart) implements StreamState {
    }

    /** A resource is bound; stanzas flow. */
    record Bound(ClientSession session) implements StreamState {
    }

    /** The stream is over. */
    record Closed() implements StreamState {
    }
}
