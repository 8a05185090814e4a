package im.kith.xmpp.ext.mam;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/**
 * Decides what goes into which archive and queues it: received messages from the account delivery
 * hook (stamped with their {@code <stanza-id/>} before any copy is delivered), sent messages from the
 * inbound hook. Runs on event loops and never blocks: ids are random, preferences are in memory, and
 * the row is handed to the {@link ArchiveWriter}.
 */
@Singleton
public class Archiver {
    static final String SID = "urn:xmpp:sid:0";
    static final String HINTS = "urn:xmpp:hints";

    private final ArchiveWriter writer;
    private final ArchiveIds ids;
    private final Preferences preferences;
    private final Clock clock;
    private final String domain;

    @Inject
    public Archiver(ArchiveWriter writer, ArchiveIds ids, Preferences preferences, Clock clock, NodeConfig config) {
        this.writer = writer;
        this.ids = ids;
        this.preferences = preferences;
        this.clock = clock;
        this.domain = Jid.domain(config.domain()).toString();
    }

    /** A message to a local account: stamp and archive it in the recipient's archive. */
    HookResult received(Jid account, Delivery delivery) {
        Stanza s = delivery.stanza();
        if (!s.isMessage()) {
            return HookResult.CONTINUE;
        }
        // XEP-0359 §4: a stanza-id claiming our 'by' is removed even when we add none.
        Element clean = withoutOwnStanzaIds(s.element(), account);
        Jid from = s.from();
        if (from != null && archivable(s.type(), clean) && preferences.archives(account.local(), from)) {
            String id = ids.next();
            // XEP-0313 §3.3: the stanza-id names the archive (the account's bare JID) and the UID.
            Element stamped = clean.withChild(Element.builder("stanza-id", SID)
                    .attribute("by", account.toString()).attribute("id", id).build());
            if (writer.offer(new ArchiveEntry(account.local(), id, now(), from, Direction.IN, stamped))) {
                clean = stamped;
            }
        }
        if (clean != s.element()) {
            delivery.replace(s.withElement(clean));
        }
        return HookResult.CONTINUE;
    }

    /**
     * A message a local client sends: archive the sender's copy. A message to the sender's own
     * account is archived once, when received (§6.1.1: one copy per archive).
     */
    HookResult sent(LocalSession session, Stanza s) {
        Jid to = s.to();
        if (!s.isMessage() || to == null) {
            return HookResult.CONTINUE;
        }
        Jid owner = session.jid().bare();
        if (to.bare().equals(owner) || !archivable(s.type(), s.element())
                || !preferences.archives(owner.local(), to)) {
            return HookResult.CONTINUE;
        }
        // The sent copy carries no stanza-id: XEP-0313 §3.3 keeps the sender's archive id from the contact.
        writer.offer(new ArchiveEntry(owner.local(), ids.next(), now(), to, Direction.OUT,
                withoutOwnStanzaIds(s.element(), owner)));
        return HookResult.CONTINUE;
    }

    /**
     * XEP-0313 §6.1.1: chat and normal messages with a body; XEP-0334 §4: {@code <no-store/>} and
     * {@code <no-permanent-store/>} keep a message out, {@code <store/>} brings one without a body in.
     * Groupchat messages belong to room archives; headline and error messages are never archived.
     */
    static boolean archivable(String type, Element message) {
        if (type != null && !type.equals("chat") && !type.equals("normal")) {
            return false;
        }
        if (message.child("no-store", HINTS) != null || message.child("no-permanent-store", HINTS) != null) {
            return false;
        }
        return message.child("body", Ns.CLIENT) != null || message.child("store", HINTS) != null;
    }

    /** Removes stanza-ids whose 'by' is the account or the server (XEP-0359 §4, XEP-0313 §3.3). */
    private Element withoutOwnStanzaIds(Element message, Jid account) {
        return message.withoutChildren(e -> e.is("stanza-id", SID) && claimsUs(e.attribute("by"), account));
    }

    private boolean claimsUs(String by, Jid account) {
        if (by == null) {
            return true; // XEP-0359 §4: a stanza-id must have 'by'; one without is invalid anyway.
        }
        try {
            Jid j = Jid.parse(by);
            return j.equals(account) || j.toString().equals(domain);
        } catch (JidException e) {
            return true;
        }
    }

    private Instant now() {
        // The database keeps microseconds; the delay stamp of a result must equal what was stored.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
