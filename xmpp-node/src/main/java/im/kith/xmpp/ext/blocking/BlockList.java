package im.kith.xmpp.ext.blocking;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import im.kith.xmpp.jid.Jid;

/**
 * One account's blocked JIDs, as normalised strings. Immutable: a change makes a new list.
 */
public record BlockList(Set<String> items) {
    public static final BlockList EMPTY = new BlockList(Set.of());

    public BlockList {
        items = Set.copyOf(items);
    }

    /**
     * Whether an address is blocked, matching per XEP-0191 §6 (as XEP-0016): the full JID, the bare
     * JID, domain/resource, or the domain.
     */
    public boolean blocks(Jid jid) {
        if (jid == null || items.isEmpty()) {
            return false;
        }
        if (items.contains(jid.toString()) || items.contains(jid.domain())) {
            return true;
        }
        if (jid.local() != null && items.contains(jid.toBareString())) {
            return true;
        }
        return jid.resource() != null && items.contains(jid.domain() + "/" + jid.resource());
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public BlockList plus(Collection<Jid> added) {
        Set<String> next = new HashSet<>(items);
        added.forEach(j -> next.add(j.toString()));
        return new BlockList(next);
    }

    public BlockList minus(Collection<Jid> removed) {
        Set<String> next = new HashSet<>(items);
        removed.forEach(j -> next.remove(j.toString()));
        return new BlockList(next);
    }
}
