package im.kith.xmpp.ext.blocking;

import java.sql.SQLException;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.jid.Jid;

/**
 * The block lists of all accounts, in memory. Loaded once at start-up (before listeners accept
 * clients), so enforcement is exact for online and offline recipients alike and never waits on the
 * database; each change is written to the database first and then swapped in here.
 */
@ApplicationScoped
@Startup
public class BlockLists {
    private final BlockListStore store;
    private final ConcurrentHashMap<String, BlockList> byAccount = new ConcurrentHashMap<>();

    @Inject
    public BlockLists(BlockListStore store) {
        this.store = store;
    }

    @PostConstruct
    void load() {
        try {
            store.loadAll().forEach((owner, items) -> byAccount.put(owner, new BlockList(items)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load block lists", e);
        }
    }

    /** The block list of an account (empty when it blocks nobody). */
    public BlockList of(String localpart) {
        BlockList l = localpart == null ? null : byAccount.get(localpart);
        return l == null ? BlockList.EMPTY : l;
    }

    void added(String localpart, Collection<Jid> jids) {
        byAccount.compute(localpart, (k, l) -> (l == null ? BlockList.EMPTY : l).plus(jids));
    }

    void removed(String localpart, Collection<Jid> jids) {
        byAccount.computeIfPresent(localpart, (k, l) -> {
            BlockList next = l.minus(jids);
            return next.isEmpty() ? null : next;
        });
    }

    void cleared(String localpart) {
        byAccount.remove(localpart);
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        // The rows go with the account (ON DELETE CASCADE); a new account of that name starts clean.
        byAccount.remove(event.localpart());
    }
}
