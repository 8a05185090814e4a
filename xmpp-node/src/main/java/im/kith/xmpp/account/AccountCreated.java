package im.kith.xmpp.account;

/** CDI event fired after an account was created (also for each account of an import). */
public record AccountCreated(Account account) {
}
