package im.kith.bench.sasl;

/** The server's side of a SCRAM exchange was malformed, failed verification, or reported an error. */
public final class ScramException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScramException(String message) {
        super(message);
    }
}
