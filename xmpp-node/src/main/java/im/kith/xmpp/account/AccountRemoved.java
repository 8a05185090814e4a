package im.kith.xmpp.account;

/** CDI event fired after an account was deleted; its sessions must end. */
public record AccountRemoved(String localpart) {
}
