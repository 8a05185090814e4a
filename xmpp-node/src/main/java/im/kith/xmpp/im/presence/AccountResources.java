package im.kith.xmpp.im.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;

/**
 * Acts on the available resources of a local account. A session's presence is its own state, so each
 * action hops onto the session's event loop and looks there.
 */
@ApplicationScoped
class AccountResources {
    private final Router router;

    AccountResources(Router router) {
        this.router = router;
    }

    /**
     * Delivers a stanza to every available resource of the account. Like the router's own delivery
     * (RFC 6121 §8.5.2.1), it reads availability from the calling thread, so that the stanza takes one hop
     * to the session and keeps its order with stanzas the router delivers after it. A resource becoming
     * available at this moment may miss it; it gets any pending request at its initial presence.
     */
    void deliverToAvailable(Jid account, Stanza stanza) {
        for (LocalSession s : router.sessions(account)) {
            if (s.available()) {
                s.deliver(stanza);
            }
        }
    }

    /** Sends the current presence of each available resource to an entity (RFC 6121 §3.1.5, §4.3.2). */
    void sendPresenceTo(Jid account, Jid to) {
        for (LocalSession s : router.sessions(account)) {
            s.executor().execute(() -> {
                Stanza p = s.presence();
                if (p != null) {
                    router.route(p.withTo(to));
                }
            });
        }
    }

    /** Sends unavailable presence from each available resource to an entity (RFC 6121 §3.2.2, §3.3.3). */
    void sendUnavailableTo(Jid account, Jid to) {
        for (LocalSession s : router.sessions(account)) {
            s.executor().execute(() -> {
                if (s.available()) {
                    router.route(Presences.unavailable(s.jid(), to));
                }
            });
        }
    }

    /** Gives a newly available resource the presence of the account's other available resources. */
    void sendOwnPresencesTo(LocalSession newcomer) {
        for (LocalSession s : router.sessions(newcomer.jid().bare())) {
            if (s != newcomer) {
                s.executor().execute(() -> {
                    Stanza p = s.presence();
                    if (p != null) {
                        newcomer.deliver(p.withTo(newcomer.jid()));
                    }
                });
            }
        }
    }

    /** The current presence of each available resource (none when the account is offline). */
    CompletableFuture<List<Stanza>> presences(Jid account) {
        List<CompletableFuture<Stanza>> each = new ArrayList<>();
        for (LocalSession s : router.sessions(account)) {
            CompletableFuture<Stanza> p = new CompletableFuture<>();
            s.executor().execute(() -> p.complete(s.presence()));
            each.add(p);
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
    }
}
