package im.kith.portal.session;

/** The outcome of checking an account name and password. */
public sealed interface LoginResult {

    /** The password is right; {@code localpart} is the account's normalised name. */
    record Verified(String localpart) implements LoginResult {
    }

    /** Wrong name or password (not told apart, so that names cannot be probed). */
    record Refused() implements LoginResult {
    }

    /** The account exists and the password is right, but logins are disabled. */
    record Disabled() implements LoginResult {
    }

    /** Too many failed attempts from this address or for this account; try again later. */
    record Throttled() implements LoginResult {
    }

    /** The account store could not be asked. */
    record Unavailable() implements LoginResult {
    }
}
