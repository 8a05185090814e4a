package im.kith.invite.core;

/** Why an invite could not be redeemed; the message is safe to show to the invitee. */
public final class RedemptionException extends RuntimeException {

    /** The reasons, each with its own wording on the web page and stanza error in XMPP. */
    public enum Reason {
        /** No such token. */
        UNKNOWN,
        EXPIRED,
        /** Every use was redeemed. */
        USED,
        REVOKED,
        /** Too many failed attempts from this address; try later. */
        THROTTLED,
        /** The username is taken or reserved by another invite. */
        NAME_TAKEN,
        /** The username is not a valid localpart. */
        NAME_INVALID,
        /** The password is too short, or not acceptable. */
        PASSWORD_INVALID,
        /** Registration without an invite is not allowed. */
        NOT_ALLOWED
    }

    private final Reason reason;

    public RedemptionException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the invite itself is the problem (unknown, expired, used, revoked). */
    public boolean inviteUnusable() {
        return reason == Reason.UNKNOWN || reason == Reason.EXPIRED || reason == Reason.USED
                || reason == Reason.REVOKED;
    }
}
