package im.kith.xmpp.account;

/** CDI event fired after an account's password was changed. */
public record PasswordChanged(String localpart) {
}
