package im.kith.xmpp.im.presence;

import java.sql.SQLException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.im.roster.RosterFullException;
import im.kith.xmpp.im.roster.RosterItemRemoved;
import im.kith.xmpp.im.roster.RosterPushes;
import im.kith.xmpp.im.roster.RosterStore;
import im.kith.xmpp.im.roster.StoredStanzas;
import im.kith.xmpp.im.roster.SubscriptionState;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * Presence subscriptions (RFC 6121 §3): applies {@link SubscriptionTransitions} to the stored state,
 * sends roster pushes, routes or delivers the stanzas, and sends the presence that a gained or lost
 * subscription calls for. Outbound stanzas (from a local user) are processed in the user's sequence,
 * inbound ones (to a local account, from a local user's outbound processing or from another server) in
 * the addressed account's sequence; the two sides of a local subscription thus stay independent, as
 * they would be across servers.
 */
@ApplicationScoped
class SubscriptionService {
    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    private final RosterStore store;
    private final RosterPushes pushes;
    private final AccountSequencer sequencer;
    private final AccountResources resources;
    private final StoredStanzas stored;
    private final AccountService accounts;
    private final Router router;
    private final SubscriptionPresence following;

    SubscriptionService(RosterStore store, RosterPushes pushes, AccountSequencer sequencer, AccountResources resources,
            StoredStanzas stored, AccountService accounts, Router router, SubscriptionPresence following) {
        this.store = store;
        this.pushes = pushes;
        this.sequencer = sequencer;
        this.resources = resources;
        this.stored = stored;
        this.accounts = accounts;
        this.router = router;
        this.following = following;
    }

    /**
     * A subscription stanza from a local client (§3.1.2, §3.1.5, §3.2.2, §3.3.2, §3.4.1). Event loop.
     * The server MUST stamp it with the user's bare JID and address the contact's bare JID.
     */
    void outbound(LocalSession session, SubscriptionType type, Stanza stanza) {
        Jid account = session.jid().bare();
        Jid contact = stanza.to().bare();
        Stanza stamped = stanza.withFrom(account).withTo(contact);
        sequencer.run(account.local(), () -> {
            RosterStore.Change<Boolean> change;
            try {
                change = store.modify(account.local(), contact, before -> {
                    SubscriptionTransitions.Outbound t = SubscriptionTransitions.outbound(type, before.state());
                    SubscriptionState s = t.after();
                    // §3.1.2, §3.1.5, §3.4.1: a request, an approval or a pre-approval puts the contact on the roster.
                    boolean listed = before.listed() || s.pendingOut() || s.from() || s.approved();
                    return new RosterStore.Edit<>(before.withState(s, null).withListed(listed), t.route());
                });
            } catch (RosterFullException e) {
                router.bounce(stanza, StanzaError.of(StanzaErrorCondition.RESOURCE_CONSTRAINT, e.getMessage()));
                return;
            }
            pushes.push(account, change);
            if (change.decision()) {
                router.route(stamped);
            }
            presenceFollows(account, contact, change);
        }).exceptionally(failure(type + " from " + account));
    }

    /**
     * A subscription stanza for a local account (§3.1.3, §3.1.6, §3.2.3, §3.3.3, §3.4.2), treated as
     * addressed to the bare JID and coming from the sender's bare JID.
     */
    void inbound(Jid account, SubscriptionType type, Stanza stanza) {
        Jid contact = stanza.from().bare();
        Stanza stamped = stanza.withFrom(contact).withTo(account);
        sequencer.run(account.local(), () -> inboundNow(account, type, contact, stamped))
                .exceptionally(failure(type + " to " + account));
    }

    private void inboundNow(Jid account, SubscriptionType type, Jid contact, Stanza stanza) throws SQLException {
        if (!accounts.exists(account.local())) {
            // §8.5.1: for a missing account the server MUST answer "subscribe" with "unsubscribed" and ignore the rest.
            if (type == SubscriptionType.SUBSCRIBE) {
                router.route(Presences.subscription(SubscriptionType.UNSUBSCRIBED, account, contact));
            }
            return;
        }
        // §3.1.3: the server MUST keep the complete stanza of a request it cannot have answered yet.
        String request = type == SubscriptionType.SUBSCRIBE ? stored.write(stanza) : null;
        RosterStore.Change<SubscriptionTransitions.Reaction> change;
        try {
            change = store.modify(account.local(), contact, before -> {
                SubscriptionTransitions.Inbound t = SubscriptionTransitions.inbound(type, before.state());
                return new RosterStore.Edit<>(before.withState(t.after(), request), t.reaction());
            });
        } catch (RosterFullException e) {
            router.bounce(stanza, StanzaError.of(StanzaErrorCondition.RESOURCE_CONSTRAINT, e.getMessage()));
            return;
        }
        pushes.push(account, change);
        switch (change.decision()) {
            // §3.1.3: to all available resources; later ones get the kept request at their initial presence.
            case DELIVER -> resources.deliverToAvailable(account, stanza);
            case APPROVE -> router.route(Presences.subscription(SubscriptionType.SUBSCRIBED, account, contact));
            case IGNORE -> {
            }
        }
        presenceFollows(account, contact, change);
    }

    /**
     * When the contact gains a subscription to the account's presence it MUST get the current presence of
     * each available resource (§3.1.5, §3.4.2); when it loses it, unavailable presence from each (§3.2.2,
     * §3.3.3).
     */
    private void presenceFollows(Jid account, Jid contact, RosterStore.Change<?> change) {
        boolean before = change.before().state().from();
        boolean after = change.after().state().from();
        if (!before && after) {
            following.gained(account, contact);
        } else if (before && !after) {
            following.lost(account, contact);
        }
    }

    /**
     * §2.5.2: removing an item cancels the subscriptions both ways: "unsubscribe" if the user was
     * subscribed or asking, "unsubscribed" if the contact was subscribed or asking. Runs in the account's
     * sequence, after the row is gone.
     */
    void onItemRemoved(@Observes RosterItemRemoved event) {
        Jid account = event.account();
        Jid contact = event.removed().contact();
        SubscriptionState s = event.removed().state();
        if (s.to() || s.pendingOut()) {
            router.route(Presences.subscription(SubscriptionType.UNSUBSCRIBE, account, contact));
        }
        if (s.from() || s.pendingIn()) {
            router.route(Presences.subscription(SubscriptionType.UNSUBSCRIBED, account, contact));
        }
        if (s.from()) {
            following.lost(account, contact);
        }
    }

    /**
     * A deleted account's own rows went with it; the local accounts that had it as a contact see it
     * unsubscribe and cancel both ways, as if it had removed them from its roster.
     */
    void onAccountRemoved(@Observes AccountRemoved event) {
        Jid gone = Jid.of(event.localpart(), router.domain().domain(), null);
        sequencer.run(event.localpart(), () -> {
            for (String owner : store.ownersKnowing(gone)) {
                Jid account = Jid.of(owner, router.domain().domain(), null);
                inbound(account, SubscriptionType.UNSUBSCRIBE, Presences.subscription(SubscriptionType.UNSUBSCRIBE, gone, account));
                inbound(account, SubscriptionType.UNSUBSCRIBED, Presences.subscription(SubscriptionType.UNSUBSCRIBED, gone, account));
            }
        }).exceptionally(failure("clean-up after deleting " + gone));
    }

    private static Function<Throwable, Void> failure(String what) {
        return e -> {
            LOG.warnf(e, "%s failed", what);
            return null;
        };
    }
}
