package im.kith.xmpp.im.roster;

import java.util.List;

import im.kith.xmpp.jid.Jid;

/** A validated roster set (RFC 6121 §2.1.5): add or update an item, or remove it. */
sealed interface RosterRequest {

    Jid contact();

    /** Adds or updates an item (§2.3, §2.4). */
    record Update(Jid contact, String name, List<String> groups) implements RosterRequest {
        public Update {
            groups = List.copyOf(groups);
        }
    }

    /** Removes an item (§2.5). */
    record Remove(Jid contact) implements RosterRequest {
    }
}
