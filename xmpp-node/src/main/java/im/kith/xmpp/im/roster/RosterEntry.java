package im.kith.xmpp.im.roster;

import java.util.List;
import java.util.Objects;

import im.kith.xmpp.jid.Jid;

/**
 * What the server keeps about one contact of an account: the roster item (RFC 6121 §2.1.2) and the
 * subscription state (Appendix A), including a pending inbound request kept as the complete stanza
 * (§3.1.3).
 *
 * @param contact        the item's JID
 * @param name           the handle the user gave the contact, or null
 * @param groups         the user's groups for the contact, without duplicates
 * @param state          the subscription state
 * @param pendingRequest the serialised pending inbound subscription request; present exactly when
 *                       {@code state.pendingIn()}
 * @param listed         whether the contact is on the roster the user sees (an unanswered inbound request
 *                       alone does not put it there)
 */
public record RosterEntry(Jid contact, String name, List<String> groups, SubscriptionState state,
        String pendingRequest, boolean listed) {

    public RosterEntry {
        Objects.requireNonNull(contact, "contact");
        groups = List.copyOf(groups);
        if (state.pendingIn() != (pendingRequest != null)) {
            throw new IllegalArgumentException("a pending inbound request needs its stanza, and only then");
        }
    }

    /** The entry of a contact the server knows nothing about. */
    public static RosterEntry absent(Jid contact) {
        return new RosterEntry(contact, null, List.of(), SubscriptionState.NONE, null, false);
    }

    /** Whether the row can be dropped: not on the roster and no state worth keeping. */
    public boolean isEmpty() {
        return !listed && state.isNone();
    }

    /** The same entry with the roster fields the user sets (RFC 6121 §2.3, §2.4); it becomes listed. */
    public RosterEntry withItem(String newName, List<String> newGroups) {
        return new RosterEntry(contact, newName, newGroups, state, pendingRequest, true);
    }

    /** The same entry with a new state; {@code request} is kept when the state is pending in. */
    public RosterEntry withState(SubscriptionState newState, String request) {
        String kept = newState.pendingIn() ? (request != null ? request : pendingRequest) : null;
        return new RosterEntry(contact, name, groups, newState, kept, listed);
    }

    public RosterEntry withListed(boolean value) {
        return new RosterEntry(contact, name, groups, state, pendingRequest, value);
    }

    /** Whether the user's view of the roster (what roster pushes carry) differs between two entries. */
    public boolean looksDifferentFrom(RosterEntry other) {
        if (listed != other.listed) {
            return true;
        }
        return listed && (!Objects.equals(name, other.name) || !groups.equals(other.groups)
                || state.subscription() != other.state.subscription() || state.pendingOut() != other.state.pendingOut()
                || state.approved() != other.state.approved());
    }
}
