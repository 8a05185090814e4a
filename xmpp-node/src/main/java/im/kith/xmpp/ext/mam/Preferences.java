package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.support.Blocking;

/**
 * Every account's archiving preferences in memory (only accounts that changed the default have an
 * entry), loaded at start-up, so the archiving decision on the delivery path never waits on the
 * database. Changes are written through.
 */
@ApplicationScoped
@Startup
public class Preferences {
    private final PrefsStore store;
    private final Blocking blocking;
    private final ConcurrentHashMap<String, ArchivePrefs> byAccount = new ConcurrentHashMap<>();

    @Inject
    public Preferences(PrefsStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    @PostConstruct
    void load() {
        try {
            byAccount.putAll(store.loadAll());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load archiving preferences", e);
        }
    }

    public ArchivePrefs of(String localpart) {
        return byAccount.getOrDefault(localpart, ArchivePrefs.DEFAULT);
    }

    /** Stores new preferences, then makes them effective. */
    public CompletionStage<ArchivePrefs> save(String localpart, ArchivePrefs prefs) {
        return blocking.run(() -> store.save(localpart, prefs)).thenApply(v -> {
            byAccount.put(localpart, prefs);
            return prefs;
        });
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        byAccount.remove(event.localpart());
    }
}
