package im.kith.bench.xmpp;

/** A session failed: stream or SASL error, protocol violation, timeout or closed connection. */
public final class XmppException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String condition;

    public XmppException(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    /** The XMPP error condition, e.g. {@code conflict}, or a short word describing a local failure. */
    public String condition() {
        return condition;
    }
}
