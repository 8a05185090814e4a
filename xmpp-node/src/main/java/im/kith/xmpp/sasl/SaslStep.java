package im.kith.xmpp.sasl;

/** The outcome of one step of a SASL exchange. */
public sealed interface SaslStep {

    /** Send {@code <challenge/>} with these bytes and wait for a response. */
    record Challenge(byte[] data) implements SaslStep {
    }

    /**
     * Authentication succeeded for the (normalised) localpart; {@code additionalData} goes into
     * {@code <success/>} (RFC 6120 §6.4.6), e.g. the SCRAM server-final-message.
     */
    record Success(String localpart, byte[] additionalData) implements SaslStep {
    }

    /** Authentication failed with a RFC 6120 §6.5 condition and optional human-readable text. */
    record Failure(SaslFailure condition, String text) implements SaslStep {
    }
}
