package im.kith.xmpp.sasl;

/** Ends an exchange with a failure condition; thrown and caught inside this package only. */
final class SaslException extends Exception {
    private final SaslFailure condition;

    SaslException(SaslFailure condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    SaslStep.Failure toStep() {
        return new SaslStep.Failure(condition, getMessage());
    }

    static SaslException malformed(String text) {
        return new SaslException(SaslFailure.MALFORMED_REQUEST, text);
    }
}
