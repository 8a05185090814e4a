package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.im.roster.RosterEntry;
import im.kith.xmpp.im.roster.RosterListingChanged;
import im.kith.xmpp.im.roster.RosterStore;
import im.kith.xmpp.jid.Jid;

/**
 * The roster contacts (bare JIDs) of the accounts whose archiving default is 'roster' (XEP-0441
 * §2.1.1), in memory, so that deciding on the delivery path never waits on the database. Kept in step
 * by {@link RosterListingChanged}; only accounts being tracked hold an entry.
 *
 * <p>{@link #track} must run in the account's {@link im.kith.xmpp.im.roster.AccountSequencer}
 * sequence, in which every roster change happens: no change then falls between the read and the
 * entry taking effect.
 */
@ApplicationScoped
public class RosterContacts {
    private final RosterStore roster;
    private final ConcurrentHashMap<String, Set<String>> byAccount = new ConcurrentHashMap<>();

    public RosterContacts(RosterStore roster) {
        this.roster = roster;
    }

    /** Reads the account's roster and follows its changes from now on. Blocking. */
    void track(String localpart) throws SQLException {
        Set<String> contacts = ConcurrentHashMap.newKeySet();
        for (RosterEntry e : roster.roster(localpart).items()) {
            contacts.add(e.contact().toBareString());
        }
        byAccount.put(localpart, contacts);
    }

    void untrack(String localpart) {
        byAccount.remove(localpart);
    }

    /**
     * XEP-0441 §2.3.1: whether the contact's bare JID is on the account's roster. False for an account
     * that is not tracked.
     */
    boolean onRoster(String localpart, Jid contact) {
        Set<String> contacts = byAccount.get(localpart);
        return contacts != null && contacts.contains(contact.toBareString());
    }

    void onListing(@Observes RosterListingChanged event) {
        Set<String> contacts = byAccount.get(event.owner());
        if (contacts == null) {
            return;
        }
        if (event.listed()) {
            contacts.add(event.contact().toBareString());
        } else {
            contacts.remove(event.contact().toBareString());
        }
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        byAccount.remove(event.localpart());
    }
}
