package im.kith.xmpp.im.offline;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.im.roster.StoredStanzas;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.xml.Element;

/**
 * Stores messages for offline accounts. Messages for one account wait in arrival order until the
 * account's sequence gets to them; everything that arrived meanwhile is then stored in one transaction,
 * so a burst costs one commit rather than one per message. Messages that cannot be stored are bounced
 * with {@code service-unavailable} (RFC 6121 §8.5.2.2 lets a server refuse to store).
 */
@ApplicationScoped
class OfflineWriter {
    private static final Logger LOG = Logger.getLogger(OfflineWriter.class);
    private static final String STANZA_ID_NS = "urn:xmpp:sid:0";

    private final OfflineStore store;
    private final OfflineConfig config;
    private final OfflineDelivery delivery;
    private final AccountSequencer sequencer;
    private final StoredStanzas stored;
    private final Router router;
    private final Clock clock;
    private final ConcurrentHashMap<String, List<Waiting>> waiting = new ConcurrentHashMap<>();

    OfflineWriter(OfflineStore store, OfflineConfig config, OfflineDelivery delivery, AccountSequencer sequencer,
            StoredStanzas stored, Router router, Clock clock) {
        this.store = store;
        this.config = config;
        this.delivery = delivery;
        this.sequencer = sequencer;
        this.stored = stored;
        this.router = router;
        this.clock = clock;
    }

    /** A message waiting to be stored; {@code text} is null for one not worth storing. */
    private record Waiting(Stanza message, String text, boolean archived) {
    }

    /** Takes a normal or chat message for an account with no available resource. Any thread. */
    void accept(Jid account, Stanza message) {
        Instant now = clock.instant();
        String text = OfflinePolicy.worthStoring(message) ? stored.write(delayed(account, message, now)) : null;
        boolean[] first = new boolean[1];
        waiting.compute(account.local(), (k, list) -> {
            List<Waiting> l = list;
            if (l == null) {
                l = new ArrayList<>();
                first[0] = true;
            }
            l.add(new Waiting(message, text, archivedFor(account, message)));
            return l;
        });
        if (first[0]) {
            sequencer.run(account.local(), () -> storeWaiting(account));
        }
    }

    private void storeWaiting(Jid account) {
        List<Waiting> batch = waiting.remove(account.local());
        List<OfflineStore.Stored> texts = batch.stream().filter(w -> w.text() != null)
                .map(w -> new OfflineStore.Stored(w.text(), w.archived())).toList();
        OfflineStore.Result result;
        try {
            result = store.store(account.local(), clock.instant(), texts, config.maxMessages());
        } catch (Exception e) {
            LOG.warnf(e, "could not store %d messages for %s", texts.size(), account);
            batch.stream().filter(w -> w.text() != null).forEach(w -> bounce(w.message(), "the message could not be stored"));
            return;
        }
        int storedSoFar = 0;
        for (Waiting w : batch) {
            if (!result.accountExists()) {
                // RFC 6121 §8.5.1: no such user.
                bounce(w.message(), null);
            } else if (w.text() != null && storedSoFar++ >= result.stored()) {
                bounce(w.message(), "the recipient's offline storage is full");
            }
        }
        if (result.stored() > 0) {
            // A resource may have come online between the routing decision and the insert.
            delivery.flushToAvailable(account);
        }
    }

    /** Whether the account's archive stamped the message with its stanza-id (XEP-0359 §3, XEP-0313 §3). */
    private static boolean archivedFor(Jid account, Stanza message) {
        String bare = account.bare().toString();
        return message.element().elements().stream()
                .anyMatch(e -> e.is("stanza-id", STANZA_ID_NS) && bare.equals(e.attribute("by")));
    }

    private void bounce(Stanza message, String text) {
        router.bounce(message, text == null ? StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE)
                : StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE, text));
    }

    /**
     * XEP-0203 §3: the server that delayed the message stamps when it received it. The message is kept as
     * addressed to the bare JID, which it is treated as even if it named a resource (RFC 6121 §8.5.3.2.1).
     */
    private Stanza delayed(Jid account, Stanza message, Instant receivedAt) {
        Element delay = Element.builder("delay", Ns.DELAY)
                .attribute("from", router.domain())
                .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(receivedAt.truncatedTo(ChronoUnit.MILLIS)))
                .text("Offline Storage")
                .build();
        Stanza toAccount = message.withTo(account);
        return toAccount.withElement(toAccount.element().withChild(delay));
    }
}
