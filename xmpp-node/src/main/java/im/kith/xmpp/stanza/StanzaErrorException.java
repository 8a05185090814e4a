package im.kith.xmpp.stanza;

/** Thrown (or used to complete a stage exceptionally) to answer a stanza with an error. */
public final class StanzaErrorException extends RuntimeException {
    private final StanzaError error;

    public StanzaErrorException(StanzaError error) {
        super(error.condition().elementName() + (error.text() == null ? "" : ": " + error.text()), null, false, false);
        this.error = error;
    }

    public StanzaErrorException(StanzaErrorCondition condition, String text) {
        this(StanzaError.of(condition, text));
    }

    public StanzaErrorException(StanzaErrorCondition condition) {
        this(StanzaError.of(condition));
    }

    public StanzaError error() {
        return error;
    }
}
