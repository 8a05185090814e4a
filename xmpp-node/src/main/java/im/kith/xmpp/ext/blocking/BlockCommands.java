package im.kith.xmpp.ext.blocking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * The XEP-0191 IQ protocol: retrieving the block list (§3.2), blocking (§3.3), unblocking (§3.4) and
 * unblocking all (§3.5), with pushes to the account's interested resources.
 */
@ApplicationScoped
public class BlockCommands {
    static final String NS = "urn:xmpp:blocking";
    /** Set on a session once it retrieved the block list: it is an "interested resource" for pushes. */
    static final SessionKey<Boolean> REQUESTED = new SessionKey<>("blocking.requested");

    private final BlockLists lists;
    private final BlockListStore store;
    private final Blocking blocking;
    private final Provider<Router> router;

    @Inject
    public BlockCommands(BlockLists lists, BlockListStore store, Blocking blocking, Provider<Router> router) {
        this.lists = lists;
        this.store = store;
        this.blocking = blocking;
        this.router = router;
    }

    CompletionStage<Element> blocklist(IqRequest req) {
        LocalSession session = ownerSession(req);
        if (!req.iq().payload().is("blocklist", NS)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "expected <blocklist/>");
        }
        session.put(REQUESTED, Boolean.TRUE);
        // §3.2: one <item/> per blocked JID, or an empty <blocklist/>.
        Element.Builder b = Element.builder("blocklist", NS);
        lists.of(req.target().local()).items().stream().sorted()
                .forEach(j -> b.child(Element.builder("item", NS).attribute("jid", j).build()));
        return CompletableFuture.completedFuture(b.build());
    }

    CompletionStage<Element> command(IqRequest req) {
        LocalSession session = ownerSession(req);
        Element payload = req.iq().payload();
        String owner = req.target().local();
        List<Jid> items = items(payload);
        if (payload.is("block", NS)) {
            if (items.isEmpty()) {
                // §3.3: a <block/> without <item/> children is a bad request.
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "<block/> needs at least one <item/>");
            }
            return blocking.run(() -> store.add(owner, items))
                    .thenApplyAsync(v -> {
                        // §3.3: the contact gets unavailable presence before the block takes effect
                        // (afterwards the block itself would stop it).
                        sendPresence(req.target(), items, true);
                        lists.added(owner, items);
                        push(req.target(), payload);
                        return null;
                    }, session.executor());
        }
        if (payload.is("unblock", NS)) {
            if (items.isEmpty()) {
                // §3.5: an empty <unblock/> unblocks every JID.
                List<Jid> all = lists.of(owner).items().stream().map(Jid::parse).toList();
                return blocking.run(() -> store.removeAll(owner))
                        .thenApplyAsync(v -> {
                            lists.cleared(owner);
                            sendPresence(req.target(), all, false);
                            push(req.target(), payload);
                            return null;
                        }, session.executor());
            }
            return blocking.run(() -> store.remove(owner, items))
                    .thenApplyAsync(v -> {
                        lists.removed(owner, items);
                        // §3.4: the contact gets the user's current presence again.
                        sendPresence(req.target(), items, false);
                        push(req.target(), payload);
                        return null;
                    }, session.executor());
        }
        throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "expected <block/> or <unblock/>");
    }

    /** Only the account's own resources manage its block list. */
    private static LocalSession ownerSession(IqRequest req) {
        if (!req.fromOwner() || req.session() == null) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only the account itself manages its block list");
        }
        return req.session();
    }

    private static List<Jid> items(Element payload) {
        Set<Jid> out = new LinkedHashSet<>();
        for (Element item : payload.elements("item", NS)) {
            String jid = item.attribute("jid");
            if (jid == null) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "<item/> without 'jid'");
            }
            try {
                out.add(Jid.parse(jid));
            } catch (JidException e) {
                throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "invalid JID in <item/>: " + e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Sends unavailable presence (on block) or the current presence (on unblock) of each available
     * resource to the (un)blocked addresses; domain-wide items name no single recipient and get none.
     */
    private void sendPresence(Jid account, List<Jid> jids, boolean unavailable) {
        Router r = router.get();
        for (LocalSession s : r.sessions(account)) {
            Stanza current = s.presence();
            if (current == null) {
                continue;
            }
            for (Jid jid : jids) {
                if (jid.local() == null) {
                    continue;
                }
                Element presence = unavailable
                        ? Element.builder("presence", Ns.CLIENT).attribute("type", "unavailable").build()
                        : current.element().withAttribute("id", null);
                Element addressed = presence.withAttribute("from", s.jid().toString()).withAttribute("to", jid.toString());
                r.route(new Stanza(StanzaKind.PRESENCE, addressed, s.jid(), jid));
            }
        }
    }

    /** §3.3–§3.5: the same command as an IQ set to every resource that retrieved the block list. */
    private void push(Jid account, Element command) {
        Element payload = Element.builder(command.name(), NS).children(command.elements("item", NS)).build();
        for (LocalSession s : router.get().sessions(account)) {
            // Session state belongs to the session's event loop: check interest there.
            s.executor().execute(() -> {
                if (Boolean.TRUE.equals(s.get(REQUESTED))) {
                    Element iq = Element.builder("iq", Ns.CLIENT).attribute("type", "set")
                            .attribute("id", "push-" + UUID.randomUUID())
                            .attribute("from", account.toString()).attribute("to", s.jid().toString())
                            .child(payload).build();
                    s.deliver(new Stanza(StanzaKind.IQ, iq, account, s.jid()));
                }
            });
        }
    }
}
