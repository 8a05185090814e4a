package im.kith.invite.circle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.im.presence.SubscriptionPresence;
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
    private final SubscriptionPresence presence;
    private final String domain;

    NodeRosterLinks(RosterStore store, RosterPushes pushes, AccountSequencer sequencer, SubscriptionPresence presence,
            AccountService accounts) {
        this.store = store;
        this.pushes = pushes;
        this.sequencer = sequencer;
        this.presence = presence;
        this.domain = accounts.domain();
    }

    @Override
    public void befriend(String a, String b, String group) {
        boolean bSeesA = link(a, b, group);
        boolean aSeesB = link(b, a, group);
        // As after a subscription approval (RFC 6121 §3.1.5): the new subscriber gets the current presence.
        if (bSeesA) {
            presence.gained(jid(a), jid(b));
        }
        if (aSeesB) {
            presence.gained(jid(b), jid(a));
        }
    }

    @Override
    public void unfriend(String a, String b, String group, boolean stillShared) {
        unlink(a, b, group, stillShared);
        unlink(b, a, group, stillShared);
    }

    @Override
    public boolean preApprove(String owner, Jid contact) {
        Jid ownerJid = jid(owner);
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

    /** Returns whether the contact gained the subscription to the owner's presence. */
    private boolean link(String owner, String contact, String group) {
        RosterStore.Change<Void> c = edit(owner, contact, before -> {
            List<String> groups = new ArrayList<>(before.groups());
            if (group != null && !groups.contains(group)) {
                groups.add(group);
            }
            return before.withItem(before.name(), groups).withState(BOTH, null);
        });
        return !c.before().state().from() && c.after().state().from();
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

    private RosterStore.Change<Void> edit(String owner, String contact,
            java.util.function.UnaryOperator<RosterEntry> change) {
        return submit(owner, () -> {
            RosterStore.Change<Void> c = store.modify(owner, jid(contact),
                    before -> new RosterStore.Edit<>(change.apply(before), null));
            pushes.push(jid(owner), c);
            return c;
        });
    }

    private Jid jid(String localpart) {
        return Jid.of(localpart, domain, null);
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
