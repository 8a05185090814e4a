package im.kith.xmpp.im.roster;

import im.kith.xmpp.jid.Jid;

/**
 * CDI event fired (synchronously, in the account's sequence) after the user removed a contact from the
 * roster; the presence feature then cancels the subscriptions both ways (RFC 6121 §2.5.2).
 *
 * @param account the account's bare JID
 * @param removed the entry as it was before the removal
 */
public record RosterItemRemoved(Jid account, RosterEntry removed) {
}
