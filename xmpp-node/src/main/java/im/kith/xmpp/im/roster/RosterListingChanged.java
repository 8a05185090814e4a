package im.kith.xmpp.im.roster;

import im.kith.xmpp.jid.Jid;

/**
 * CDI event fired (synchronously, in the account's sequence, after the change is committed) when a
 * contact comes onto or leaves the roster the user sees, whatever changed it: a roster set or removal,
 * a subscription that lists the contact, or another module editing the roster.
 *
 * @param owner   the account's localpart
 * @param contact the contact's JID as stored
 * @param listed  whether the contact is now on the roster
 */
public record RosterListingChanged(String owner, Jid contact, boolean listed) {
}
