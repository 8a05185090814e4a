package im.kith.xmpp.account;

/** CDI event fired after an account's role was changed. */
public record RoleChanged(String localpart, Role role) {
}
