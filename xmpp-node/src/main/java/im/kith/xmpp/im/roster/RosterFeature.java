package im.kith.xmpp.im.roster;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * Roster management (RFC 6121 §2): roster get with versioning (§2.6), roster set to add, update and
 * remove items (§2.3-§2.5), roster pushes to interested resources (§2.1.6).
 *
 * <p>Versioning: the version is a number that moves with every change of what the user sees. A get
 * whose 'ver' equals it is answered with an empty result (§2.6.3); any other 'ver' gets the complete
 * roster. No change log is kept, so the server never answers with pushes of the differences.
 */
@ApplicationScoped
public class RosterFeature implements XmppFeature {
    static final String VERSIONING_NS = "urn:xmpp:features:rosterver";

    private final RosterStore store;
    private final RosterPushes pushes;
    private final AccountSequencer sequencer;
    private final RosterConfig config;
    private final Event<RosterItemRemoved> removals;

    public RosterFeature(RosterStore store, RosterPushes pushes, AccountSequencer sequencer, RosterConfig config,
            Event<RosterItemRemoved> removals) {
        this.store = store;
        this.pushes = pushes;
        this.sequencer = sequencer;
        this.config = config;
        this.removals = removals;
    }

    @Override
    public String name() {
        return "roster";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.iq(IqRoute.accountGet(RosterXml.NS), this::get);
        ctx.iq(IqRoute.accountSet(RosterXml.NS), this::set);
        // RFC 6121 §2.6.1: a server that supports versioning advertises it as a stream feature.
        Element versioning = Element.of("ver", VERSIONING_NS);
        ctx.streamFeature((phase, session) -> phase == StreamFeature.Phase.POST_AUTH ? versioning : null);
    }

    private CompletionStage<Element> get(IqRequest request) {
        checkOwner(request);
        String clientVersion = request.iq().payload().attribute("ver");
        // §2.2: a resource that requests the roster is "interested" and gets roster pushes from now on.
        request.session().interested(true);
        Jid account = request.target();
        return sequencer.submit(account.local(), () -> store.roster(account.local())).thenApply(roster -> {
            // §2.6.3: if the client's version is current, an empty result; else the whole roster.
            if (clientVersion != null && clientVersion.equals(Long.toString(roster.version()))) {
                return null;
            }
            return RosterXml.query(roster.version(), roster.items().stream().map(RosterXml::item).toList());
        });
    }

    private CompletionStage<Element> set(IqRequest request) {
        checkOwner(request);
        RosterRequest change = RosterXml.parseSet(request.iq().payload(), config);
        Jid account = request.target();
        return sequencer.submit(account.local(), () -> {
            switch (change) {
                case RosterRequest.Update u -> update(account, u);
                case RosterRequest.Remove r -> remove(account, r);
            }
            return (Element) null;
        }).exceptionallyCompose(RosterFeature::rosterFull);
    }

    /** §2.3.2, §2.4.2: store the item, keeping its subscription state, and push it to interested resources. */
    private void update(Jid account, RosterRequest.Update u) throws SQLException {
        RosterStore.Change<Void> change = store.modify(account.local(), u.contact(),
                before -> new RosterStore.Edit<>(before.withItem(u.name(), u.groups()), null));
        pushes.push(account, change);
    }

    /**
     * §2.5.2: delete the item, push the removal, and cancel the subscriptions in both directions (done by
     * the presence feature on {@link RosterItemRemoved}).
     */
    private void remove(Jid account, RosterRequest.Remove r) throws SQLException {
        RosterStore.Change<Void> change = store.modify(account.local(), r.contact(), before -> {
            if (!before.listed()) {
                // §2.5.3: MUST return item-not-found for an item that is not on the roster.
                throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, r.contact() + " is not on the roster");
            }
            return new RosterStore.Edit<>(null, null);
        });
        pushes.push(account, change);
        removals.fire(new RosterItemRemoved(account, change.before()));
    }

    /** Roster get and set are for the account's own resources (RFC 6121 §2.1.3, §2.1.5). */
    private static void checkOwner(IqRequest request) {
        if (request.session() == null || !request.fromOwner()) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only the account's own resources may do that");
        }
    }

    private static CompletionStage<Element> rosterFull(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RosterFullException full) {
            return CompletableFuture.failedFuture(new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED, full.getMessage()));
        }
        return CompletableFuture.failedFuture(cause);
    }
}
