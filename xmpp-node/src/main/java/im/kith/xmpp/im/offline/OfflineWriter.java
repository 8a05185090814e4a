package im.kith.xmpp.im.offline;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.im.roster.StoredStanzas;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorType;
import im.kith.xmpp.xml.Element;

/**
 * Stores messages for offline accounts. Messages for one account wait in arrival order until the
 * account's sequence gets to them; everything that arrived meanwhile is then stored in one transaction,
 * so a burst costs one commit rather than one per message. Messages that cannot be stored are bounced
 * (RFC 6121 §8.5.2.2 lets a server refuse to store). Each message's stage completes once it is stored or
 * bounced, never before the commit: what stream management acknowledges is on disk (XEP-0198 §4).
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
    private final Event<OfflineRefused> refusals;
    private final ConcurrentHashMap<String, List<Waiting>> waiting = new ConcurrentHashMap<>();

    OfflineWriter(OfflineStore store, OfflineConfig config, OfflineDelivery delivery, AccountSequencer sequencer,
            StoredStanzas stored, Router router, Clock clock, Event<OfflineRefused> refusals) {
        this.store = store;
        this.config = config;
        this.delivery = delivery;
        this.sequencer = sequencer;
        this.stored = stored;
        this.router = router;
        this.clock = clock;
        this.refusals = refusals;
    }

    /**
     * A message waiting to be stored; {@code text} is null for one not worth storing. {@code handled}
     * completes once it is stored, dropped or bounced.
     */
    private record Waiting(Stanza message, String text, String archiveId, CompletableFuture<Void> handled) {
    }

    /**
     * Takes a normal or chat message for an account with no available resource. Any thread.
     *
     * @return completes once the message is stored, or dropped as not worth storing, or bounced
     */
    CompletionStage<Void> accept(Jid account, Stanza message) {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        Instant now = clock.instant();
        String text = OfflinePolicy.worthStoring(message) ? stored.write(delayed(account, message, now)) : null;
        boolean[] first = new boolean[1];
        waiting.compute(account.local(), (k, list) -> {
            List<Waiting> l = list;
            if (l == null) {
                l = new ArrayList<>();
                first[0] = true;
            }
            l.add(new Waiting(message, text, archiveIdFor(account, message), handled));
            return l;
        });
        if (first[0]) {
            sequencer.run(account.local(), () -> storeWaiting(account)).whenComplete((v, failure) -> {
                if (failure instanceof RejectedExecutionException) {
                    // Not run at all (shutting down): nothing was stored, and the senders learn it.
                    refuse(account, waiting.remove(account.local()), failure);
                }
            });
        }
        return handled;
    }

    private void storeWaiting(Jid account) {
        List<Waiting> batch = waiting.remove(account.local());
        if (batch == null) {
            return;
        }
        List<OfflineStore.Stored> texts = batch.stream().filter(w -> w.text() != null)
                .map(w -> new OfflineStore.Stored(w.text(), w.archiveId())).toList();
        OfflineStore.Result result;
        try {
            result = store.store(account.local(), clock.instant(), texts, config.maxMessages());
        } catch (Exception e) {
            refuse(account, batch, e);
            return;
        }
        try {
            int storedSoFar = 0;
            for (Waiting w : batch) {
                if (!result.accountExists()) {
                    // RFC 6121 §8.5.1: no such user.
                    bounce(w.message(), StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
                } else if (w.text() != null && storedSoFar++ >= result.stored()) {
                    bounce(w.message(), StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE,
                            "the recipient's offline storage is full"));
                }
            }
            if (result.stored() > 0) {
                // A resource may have come online between the routing decision and the insert.
                delivery.flushToAvailable(account);
            }
        } finally {
            // Bounces are on their way to the senders' event loops before the acknowledgements.
            batch.forEach(w -> w.handled().complete(null));
        }
    }

    /**
     * The database failed: the messages worth storing go back to their senders, so that none is
     * acknowledged and lost, and their archive copies are withdrawn. RFC 6120 §8.3.3.8
     * internal-server-error, of type 'wait' (§8.3.2: the error is temporary, the sender may retry).
     */
    private void refuse(Jid account, List<Waiting> batch, Throwable failure) {
        if (batch == null) {
            return;
        }
        long worth = batch.stream().filter(w -> w.text() != null).count();
        LOG.warnf(failure, "could not store %d messages for %s; refused them", worth, account);
        StanzaError error = new StanzaError(StanzaErrorType.WAIT, StanzaErrorCondition.INTERNAL_SERVER_ERROR,
                "the message could not be stored; try again later", null);
        try {
            batch.stream().filter(w -> w.text() != null).forEach(w -> bounce(w.message(), error));
        } finally {
            batch.forEach(w -> w.handled().complete(null));
        }
        // The archive copies go too: a sender that sends again must not leave two in the recipient's archive.
        batch.stream().filter(w -> w.text() != null && w.archiveId() != null)
                .forEach(w -> refusals.fire(new OfflineRefused(account.local(), w.archiveId())));
    }

    /**
     * The id the account's archive stamped the message with (XEP-0359 §3, XEP-0313 §3.3: the stanza-id
     * whose 'by' is the account), or null.
     */
    private static String archiveIdFor(Jid account, Stanza message) {
        String bare = account.bare().toString();
        return message.element().elements().stream()
                .filter(e -> e.is("stanza-id", STANZA_ID_NS) && bare.equals(e.attribute("by")))
                .map(e -> e.attribute("id")).findFirst().orElse(null);
    }

    private void bounce(Stanza message, StanzaError error) {
        router.bounce(message, error);
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
