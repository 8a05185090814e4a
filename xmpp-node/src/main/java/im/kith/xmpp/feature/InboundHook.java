package im.kith.xmpp.feature;

import im.kith.xmpp.stanza.Stanza;

/** Sees a stanza sent by a local client ('from' already stamped) before routing, on its event loop. */
@FunctionalInterface
public interface InboundHook {
    HookResult onInbound(LocalSession session, Stanza stanza);
}
