package im.kith.invite.store;

/** What redeeming an invite does. */
public enum InviteKind {
    /** Creates an account (optionally joining circles). */
    ACCOUNT,
    /** Creates an account that is mutually subscribed with the inviter (XEP-0379, XEP-0401 §4.1). */
    CONTACT,
    /** Sets a new password of an existing account. */
    RESET,
    /** Creates an administrator account. */
    ADMIN;

    /** Whether redeeming creates an account. */
    public boolean createsAccount() {
        return this != RESET;
    }
}
