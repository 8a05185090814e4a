package im.kith.xmpp.account;

import java.time.Instant;

import im.kith.xmpp.jid.Jid;

/**
 * An account of the served domain.
 *
 * @param jid       the account's bare JID, {@code localpart@domain}
 * @param role      what the account may do
 * @param disabled  whether logins are refused
 * @param createdAt when the account was created
 */
public record Account(Jid jid, Role role, boolean disabled, Instant createdAt) {

    /** The normalised localpart, the account's key. */
    public String localpart() {
        return jid.local();
    }
}
