package im.kith.xmpp.im.offline;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.im.presence.ResourceAvailable;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Stanza;

/**
 * Offline messages (RFC 6121 §8.5.2.2, XEP-0160): messages for an account with no available resource
 * are stored with an XEP-0203 delay stamp and delivered, oldest first, to the first resource that
 * becomes available with a non-negative priority.
 *
 * <p>{@link #take} always takes the message; the store completes later in the account's sequence, and
 * the returned stage with it, so that stream management acknowledges the message only then (XEP-0198
 * §4). A message that cannot be stored is bounced: {@code service-unavailable} when there is no such
 * account or its storage is full, {@code internal-server-error} when the database failed.
 */
@ApplicationScoped
public class OfflineFeature implements XmppFeature {
    static final String DISCO_FEATURE = "msgoffline";

    private final OfflineWriter writer;
    private final OfflineDelivery delivery;
    private final OfflineStore store;
    private final Blocking blocking;

    OfflineFeature(OfflineWriter writer, OfflineDelivery delivery, OfflineStore store, Blocking blocking) {
        this.writer = writer;
        this.delivery = delivery;
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public void register(FeatureContext ctx) {
        // XEP-0160 §3 / XEP-0030: a server that stores offline messages advertises "msgoffline".
        ctx.discoFeature(DiscoTarget.SERVER, DISCO_FEATURE);
        ctx.undeliverable(this::take);
        // XEP-0386 §2.2: a Bind 2 client fetches what it missed from the archive, so offline copies of
        // messages the archive holds are dropped rather than delivered twice; the others (archive row
        // not written, or not yet) are still delivered.
        ctx.bindHook(localpart -> blocking.supply(() -> {
            store.deleteArchived(localpart);
            return null;
        }));
    }

    private Optional<CompletionStage<Void>> take(Jid account, Stanza message) {
        return Optional.of(writer.accept(account, message));
    }

    /** XEP-0160 §4, RFC 6121 §8.5.2.2: stored messages go to a resource once it can receive them. */
    void onResourceAvailable(@Observes ResourceAvailable event) {
        delivery.flush(event.session());
    }
}
