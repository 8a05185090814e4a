package im.kith.xmpp.ext.mam;

import java.util.Set;

import im.kith.xmpp.jid.Jid;

/**
 * An account's archiving preferences (XEP-0441 §2): the default mode and the bare JIDs always or
 * never archived whatever the default.
 */
public record ArchivePrefs(PrefsMode mode, Set<String> always, Set<String> never) {
    public static final ArchivePrefs DEFAULT = new ArchivePrefs(PrefsMode.ALWAYS, Set.of(), Set.of());

    public ArchivePrefs {
        always = Set.copyOf(always);
        never = Set.copyOf(never);
    }

    /**
     * Whether messages with this contact are archived. 'never' wins over 'always' for a JID on both
     * lists. The 'roster' default archives every contact for now: the roster is not consulted on the
     * delivery path yet, so it behaves as 'always'.
     */
    public boolean archives(Jid contact) {
        String bare = contact.toBareString();
        if (never.contains(bare) || never.contains(contact.toString())) {
            return false;
        }
        if (always.contains(bare) || always.contains(contact.toString())) {
            return true;
        }
        return mode != PrefsMode.NEVER;
    }
}
