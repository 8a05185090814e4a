package im.kith.xmpp.ext.mam;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.jid.Jid;

/**
 * Every account's archiving preferences in memory (only accounts that changed the default have an
 * entry), loaded at start-up together with the rosters that the 'roster' default needs, so the
 * archiving decision on the delivery path never waits on the database. Changes are written through.
 */
@Singleton
@Startup
public class Preferences {
    private final PrefsStore store;
    private final RosterContacts rosters;
    private final AccountSequencer sequencer;
    private final ConcurrentHashMap<String, ArchivePrefs> byAccount = new ConcurrentHashMap<>();

    @Inject
    public Preferences(PrefsStore store, RosterContacts rosters, AccountSequencer sequencer) {
        this.store = store;
        this.rosters = rosters;
        this.sequencer = sequencer;
    }

    @PostConstruct
    void load() {
        try {
            Map<String, ArchivePrefs> all = store.loadAll();
            for (Map.Entry<String, ArchivePrefs> e : all.entrySet()) {
                if (e.getValue().mode() == PrefsMode.ROSTER) {
                    rosters.track(e.getKey());
                }
            }
            byAccount.putAll(all);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load archiving preferences", e);
        }
    }

    public ArchivePrefs of(String localpart) {
        return byAccount.getOrDefault(localpart, ArchivePrefs.DEFAULT);
    }

    /**
     * Whether a message between the account and the contact (the sender of an incoming message, the
     * recipient of an outgoing one: XEP-0441 §2.3.2, §2.3.3) goes into the account's archive. Never
     * blocks.
     */
    public boolean archives(String localpart, Jid contact) {
        return of(localpart).archives(contact, c -> rosters.onRoster(localpart, c));
    }

    /**
     * Stores new preferences, then makes them effective. Runs in the account's roster sequence, so a
     * switch to 'roster' reads the roster that every later change then keeps up to date.
     */
    public CompletionStage<ArchivePrefs> save(String localpart, ArchivePrefs prefs) {
        return sequencer.submit(localpart, () -> {
            store.save(localpart, prefs);
            if (prefs.mode() == PrefsMode.ROSTER) {
                rosters.track(localpart);
                byAccount.put(localpart, prefs);
            } else {
                byAccount.put(localpart, prefs);
                rosters.untrack(localpart);
            }
            return prefs;
        });
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        byAccount.remove(event.localpart());
    }
}
