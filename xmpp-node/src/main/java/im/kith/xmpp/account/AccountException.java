package im.kith.xmpp.account;

/** An account operation that cannot be done, with a message fit to show to an administrator. */
public final class AccountException extends RuntimeException {

    /** Why the operation was refused. */
    public enum Reason {
        /** The localpart, JID or password is not acceptable. */
        INVALID,
        /** An account with that name exists already. */
        EXISTS,
        /** There is no account with that name. */
        NOT_FOUND
    }

    private final Reason reason;

    public AccountException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static AccountException notFound(String localpart) {
        return new AccountException(Reason.NOT_FOUND, "no account " + localpart);
    }
}
