package im.kith.xmpp.im.presence;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;

/**
 * The presence that follows a change of subscription: a contact that gains a subscription to an
 * account's presence gets the current presence of each available resource (RFC 6121 §3.1.5, §3.4.2),
 * one that loses it unavailable presence from each (§3.2.2, §3.3.3). Used by subscription handling and
 * by other modules that change subscriptions directly (e.g. circles of the invite service).
 */
@ApplicationScoped
public class SubscriptionPresence {
    private final AccountResources resources;
    private final AccountSequencer sequencer;
    private final Router router;

    SubscriptionPresence(AccountResources resources, AccountSequencer sequencer, Router router) {
        this.resources = resources;
        this.sequencer = sequencer;
        this.router = router;
    }

    /** {@code contact} is now subscribed to the presence of {@code account}. */
    public void gained(Jid account, Jid contact) {
        afterContact(contact, () -> resources.sendPresenceTo(account, contact));
    }

    /** {@code contact} is no longer subscribed to the presence of {@code account}. */
    public void lost(Jid account, Jid contact) {
        afterContact(contact, () -> resources.sendUnavailableTo(account, contact));
    }

    /**
     * Runs an action once a local contact's side has processed the subscription stanzas routed to it so
     * far (they are processed in its sequence), so that the presence that follows a subscription change
     * never overtakes it; for a remote contact at once, the server-to-server stream keeps the order.
     */
    private void afterContact(Jid contact, Runnable action) {
        if (contact.local() != null && contact.domain().equals(router.domain().domain())) {
            sequencer.run(contact.local(), action::run);
        } else {
            action.run();
        }
    }
}
