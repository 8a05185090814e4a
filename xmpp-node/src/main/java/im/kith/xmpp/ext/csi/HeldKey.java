package im.kith.xmpp.ext.csi;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StanzaKind;

/**
 * What a held stanza is about: a newer stanza with the same key replaces it. Presence is keyed by its
 * sender; chat states by sender and recipient (a carbon copy's by those of the copied message).
 */
record HeldKey(StanzaKind kind, Jid from, Jid to) {
}
