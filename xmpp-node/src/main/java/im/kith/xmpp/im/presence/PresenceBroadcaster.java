package im.kith.xmpp.im.presence;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.im.roster.RosterStore;
import im.kith.xmpp.im.roster.StoredStanzas;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/**
 * Presence broadcast (RFC 6121 §4): initial presence with probes (§4.2, §4.3.1), subsequent presence
 * (§4.4), unavailable presence to subscribers and directed-presence recipients (§4.5, §4.6.3), and the
 * answers to probes for local accounts (§4.3.2). The session's own presence state changes at once on its
 * event loop; the broadcast, which needs the roster, runs in the account's sequence, so that presence
 * leaves in the order the client sent it.
 */
@Singleton
class PresenceBroadcaster {
    private static final Logger LOG = Logger.getLogger(PresenceBroadcaster.class);
    /** The bare JIDs the session's available presence was last broadcast to. */
    private static final SessionKey<Set<Jid>> AUDIENCE = new SessionKey<>("presence-audience");
    private static final long LOOP_WAIT_SECONDS = 5;

    private final RosterStore roster;
    private final LastPresenceStore last;
    private final AccountSequencer sequencer;
    private final AccountResources resources;
    private final StoredStanzas stored;
    private final Router router;
    private final Event<ResourceAvailable> resourceAvailable;
    private final Clock clock;

    PresenceBroadcaster(RosterStore roster, LastPresenceStore last, AccountSequencer sequencer,
            AccountResources resources, StoredStanzas stored, Router router, Event<ResourceAvailable> resourceAvailable,
            Clock clock) {
        this.roster = roster;
        this.last = last;
        this.sequencer = sequencer;
        this.resources = resources;
        this.stored = stored;
        this.router = router;
        this.resourceAvailable = resourceAvailable;
        this.clock = clock;
    }

    /** Available presence without 'to' from a client: initial (§4.2.2) or subsequent (§4.4.2). Event loop. */
    void available(LocalSession session, Stanza presence) {
        boolean initial = !session.available();
        boolean reachedBefore = session.available() && session.priority() >= 0;
        session.presence(presence);
        Jid account = session.jid().bare();
        sequencer.run(account.local(), () -> {
            RosterStore.PresenceContacts contacts = roster.presenceContacts(account.local());
            broadcast(session, presence, contacts.subscribers());
            if (initial) {
                // §4.3.1: probe the contacts whose presence the user is subscribed to.
                for (Jid contact : contacts.subscriptions()) {
                    router.route(Presences.probe(account, contact));
                }
                // §3.1.3: unanswered subscription requests go to each resource that becomes available.
                for (String request : contacts.pendingRequests()) {
                    session.deliver(stored.read(request));
                }
                resources.sendOwnPresencesTo(session);
            }
        }).exceptionally(failure("presence broadcast of " + session.jid()));
        if (!reachedBefore && session.priority() >= 0) {
            resourceAvailable.fire(new ResourceAvailable(session));
        }
    }

    /**
     * §4.2.2, §4.4.2: the server MUST send the presence to every contact subscribed to the user's presence
     * and to all of the user's available resources, the sender included.
     */
    private void broadcast(LocalSession session, Stanza presence, List<Jid> subscribers) {
        for (Jid contact : subscribers) {
            router.route(presence.withTo(contact));
        }
        router.route(presence.withTo(session.jid().bare()));
        Set<Jid> audience = Set.copyOf(subscribers);
        session.executor().execute(() -> session.put(AUDIENCE, audience));
    }

    /**
     * Unavailable presence from a client (§4.5.1) or on its behalf when the session ends (§4.5.2). The
     * server MUST send it to the subscribers (and to those the available presence reached, should they
     * have left the roster meanwhile, e.g. by account deletion), to the user's other resources, and to the
     * entities that got directed presence (§4.6.3). Event loop.
     */
    void unavailable(LocalSession session, Stanza presence) {
        boolean wasAvailable = session.available();
        session.presence(null);
        Set<Jid> directed = DirectedPresence.drain(session);
        Set<Jid> audience = session.get(AUDIENCE);
        session.put(AUDIENCE, null);
        if (!wasAvailable && directed.isEmpty()) {
            return;
        }
        Jid account = session.jid().bare();
        String status = presence.element().childText("status", Ns.CLIENT);
        sequencer.run(account.local(), () -> {
            Set<Jid> reached = new LinkedHashSet<>();
            if (wasAvailable) {
                reached.addAll(roster.presenceContacts(account.local()).subscribers());
                if (audience != null) {
                    reached.addAll(audience);
                }
                for (Jid contact : reached) {
                    router.route(presence.withTo(contact));
                }
                router.route(presence.withTo(account));
                reached.add(account);
                last.record(account.local(), new LastPresenceStore.LastUnavailable(clock.instant(), status));
            }
            for (Jid recipient : directed) {
                if (!reached.contains(recipient.bare())) {
                    router.route(presence.withTo(recipient));
                }
            }
        }).exceptionally(failure("unavailable presence of " + session.jid()));
    }

    /** A session ended: unavailable presence on its behalf if it was available or sent directed presence. */
    void closed(LocalSession session) {
        unavailable(session, Presences.unavailable(session.jid(), null));
    }

    /**
     * §4.3.2: a probe for a local account. Presence is revealed only to a subscriber (or the account
     * itself); anyone else, and any prober of a missing account (§8.5.1), gets "unsubscribed". A
     * subscriber gets the last presence of each available resource, or unavailable presence stamped with
     * when the account was last seen (XEP-0203), or without a stamp if never.
     */
    void answerProbe(Jid account, Stanza probe) {
        Jid prober = probe.from();
        sequencer.run(account.local(), () -> {
            boolean subscriber = prober.bare().equals(account) || roster.entry(account.local(), prober.bare())
                    .map(e -> e.state().from()).orElse(false);
            if (!subscriber) {
                router.route(Presences.subscription(SubscriptionType.UNSUBSCRIBED, account, prober.bare()));
                return;
            }
            List<Stanza> current = resources.presences(account).get(LOOP_WAIT_SECONDS, TimeUnit.SECONDS);
            if (current.isEmpty()) {
                router.route(lastSeen(account, prober, last.find(account.local())));
            }
            for (Stanza p : current) {
                router.route(p.withTo(prober));
            }
        }).exceptionally(failure("probe of " + account));
    }

    private Stanza lastSeen(Jid account, Jid prober, Optional<LastPresenceStore.LastUnavailable> seen) {
        Element.Builder b = Element.builder("presence", Ns.CLIENT)
                .attribute("type", "unavailable")
                .attribute("from", account)
                .attribute("to", prober);
        seen.ifPresent(l -> b.textChild("status", l.status()).child(Element.builder("delay", Ns.DELAY)
                .attribute("from", router.domain())
                .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(l.at().truncatedTo(ChronoUnit.MILLIS)))
                .build()));
        return Stanza.of(b.build());
    }

    private static <T> Function<Throwable, T> failure(String what) {
        return e -> {
            LOG.warnf(e, "%s failed", what);
            return null;
        };
    }
}
