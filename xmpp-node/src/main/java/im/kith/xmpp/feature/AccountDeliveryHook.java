package im.kith.xmpp.feature;

import im.kith.xmpp.jid.Jid;

/**
 * Sees a stanza addressed to a local account (bare or full JID), from a local client or a remote
 * server, before the router picks sessions. A hook may handle it (e.g. a subscription request), drop it
 * (e.g. blocked sender) or replace it (e.g. stamp an archive id) for the hooks after it.
 */
@FunctionalInterface
public interface AccountDeliveryHook {
    HookResult onDelivery(Jid account, Delivery delivery);
}
