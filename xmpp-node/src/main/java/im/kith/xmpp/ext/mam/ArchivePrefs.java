package im.kith.xmpp.ext.mam;

import java.util.Set;
import java.util.function.Predicate;

import im.kith.xmpp.jid.Jid;

/**
 * An account's archiving preferences (XEP-0441 §2.1): the default mode and the JIDs (bare or full)
 * always or never archived whatever the default.
 */
public record ArchivePrefs(PrefsMode mode, Set<String> always, Set<String> never) {
    public static final ArchivePrefs DEFAULT = new ArchivePrefs(PrefsMode.ALWAYS, Set.of(), Set.of());

    public ArchivePrefs {
        always = Set.copyOf(always);
        never = Set.copyOf(never);
    }

    /**
     * Whether messages with this contact are archived (XEP-0441 §2.1): a listed JID decides first, then
     * the default, 'roster' asking whether the contact's bare JID is on the roster (§2.1.1). A listed
     * bare JID matches the contact with any resource, a listed full JID only that full JID (§2.3.1).
     * The XEP does not order the lists; a JID on both is not archived, keeping the user's "never".
     */
    public boolean archives(Jid contact, Predicate<Jid> onRoster) {
        String bare = contact.toBareString();
        if (never.contains(bare) || never.contains(contact.toString())) {
            return false;
        }
        if (always.contains(bare) || always.contains(contact.toString())) {
            return true;
        }
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ROSTER -> onRoster.test(contact.bare());
        };
    }
}
