package im.kith.xmpp.account;

/** CDI event fired after an account was disabled; its sessions must end. */
public record AccountDisabled(String localpart) {
}
