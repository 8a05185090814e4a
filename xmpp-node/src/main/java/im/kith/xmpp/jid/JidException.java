package im.kith.xmpp.jid;

/** A string that is not a valid XMPP address (RFC 7622); maps to the {@code jid-malformed} error. */
public final class JidException extends IllegalArgumentException {
    public JidException(String message) {
        super(message);
    }
}
