package im.kith.invite.circle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.im.roster.RosterEntry;
import im.kith.xmpp.im.roster.RosterPushes;
import im.kith.xmpp.im.roster.RosterStore;
import im.kith.xmpp.im.roster.Subscription;
import im.kith.xmpp.im.roster.SubscriptionState;
import im.kith.xmpp.jid.Jid;

/**
 * {@link RosterLinks} on the node's roster ({@code im.kith.xmpp.im.roster}): edits go through the
 * account's {@link AccountSequencer}, so they are ordered with the account's own roster traffic, and
 * every change the user can see is pushed. Blocking: call it on a virtual thread.
 */
@ApplicationScoped
public class NodeRosterLinks implements RosterLinks {
    private static final SubscriptionState BOTH = new SubscriptionState(Subscription.BOTH, false, false, false);

    private final RosterStore store;
    private final RosterPushes pushes;
    private final AccountSequencer sequencer;
    private final String domain;

    NodeRosterLinks(RosterStore store, RosterPushes pushes, AccountSequencer sequencer, AccountService accounts) {
        this.store = store;
        this.pushes = pushes;
        this.sequencer = sequencer;
        this.domain = accounts.domain();
    }

    @Override
    public void befriend(String a, String b, String group) {
        link(a, b, group);
        link(b, a, group);
    }

    @Override
    public void unfriend(String a, String b, String group, boolean stillShared) {
        unlink(a, b, group, stillShared);
        unlink(b, a, group, stillShared);
    }

    @Override
    public boolean preApprove(String owner, Jid contact) {
        Jid ownerJid = Jid.of(owner, domain, null);
        return submit(owner, () -> {
            RosterStore.Change<Boolean> c = store.modify(owner, contact.bare(), before -> {
                SubscriptionState s = before.state();
                if (!s.from()) {
                    s = s.withApproved(true);
                }
                boolean ask = !s.to() && !s.pendingOut();
                if (ask) {
                    s = s.withPendingOut(true);
                }
                return new RosterStore.Edit<>(before.withItem(before.name(), before.groups()).withState(s, null), ask);
            });
            pushes.push(ownerJid, c);
            return c.decision();
        });
    }

    private void link(String owner, String contact, String group) {
        edit(owner, contact, before -> {
            List<String> groups = new ArrayList<>(before.groups());
            if (group != null && !groups.contains(group)) {
                groups.add(group);
            }
            return before.withItem(before.name(), groups).withState(BOTH, null);
        });
    }

    private void unlink(String owner, String contact, String group, boolean stillShared) {
        edit(owner, contact, before -> {
            if (!before.listed()) {
                return before;
            }
            List<String> groups = new ArrayList<>(before.groups());
            groups.remove(group);
            if (groups.isEmpty() && !stillShared) {
                return null;
            }
            return before.withItem(before.name(), groups);
        });
    }

    private void edit(String owner, String contact, java.util.function.UnaryOperator<RosterEntry> change) {
        Jid ownerJid = Jid.of(owner, domain, null);
        Jid contactJid = Jid.of(contact, domain, null);
        submit(owner, () -> {
            RosterStore.Change<Void> c = store.modify(owner, contactJid,
                    before -> new RosterStore.Edit<>(change.apply(before), null));
            pushes.push(ownerJid, c);
            return null;
        });
    }

    /** Runs roster work in the account's sequence and waits for it (callers are on virtual threads). */
    private <T> T submit(String owner, java.util.concurrent.Callable<T> work) {
        try {
            return sequencer.submit(owner, work).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw new IllegalStateException("roster database error: " + s.getMessage(), s);
            }
            throw e;
        }
    }
}
