package im.kith.invite.core;

import im.kith.invite.store.InviteKind;
import im.kith.xmpp.jid.Jid;

/** The outcome of a successful redemption: the account created (or whose password was reset). */
public record Redeemed(Jid account, InviteKind kind) {
}
