package im.kith.xmpp.im.offline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.im.roster.AccountSequencer;
import im.kith.xmpp.im.roster.StoredStanzas;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Stanza;

/**
 * Delivers stored messages (XEP-0160 §4, RFC 6121 §8.5.2.2) to a resource that can receive messages to
 * the bare JID, oldest first, deleting them as they are read.
 */
@ApplicationScoped
class OfflineDelivery {
    private static final Logger LOG = Logger.getLogger(OfflineDelivery.class);

    private final OfflineStore store;
    private final AccountSequencer sequencer;
    private final StoredStanzas stored;
    private final Router router;

    OfflineDelivery(OfflineStore store, AccountSequencer sequencer, StoredStanzas stored, Router router) {
        this.store = store;
        this.sequencer = sequencer;
        this.stored = stored;
        this.router = router;
    }

    /** Delivers the account's stored messages to this session. */
    void flush(LocalSession session) {
        Jid account = session.jid().bare();
        sequencer.submit(account.local(), () -> store.takeAll(account.local())).whenComplete((messages, failure) -> {
            if (failure != null) {
                LOG.warnf(failure, "could not read the stored messages of %s", account);
            } else if (!messages.isEmpty()) {
                deliver(session, messages);
            }
        });
    }

    /** Delivers the account's stored messages to any of its resources that can receive them now. */
    void flushToAvailable(Jid account) {
        for (LocalSession s : router.sessions(account)) {
            s.executor().execute(() -> {
                if (s.available() && s.priority() >= 0) {
                    flush(s);
                }
            });
        }
    }

    /** Delivers in order; if the session ended meanwhile, the messages are routed again (and stored again). */
    private void deliver(LocalSession session, List<String> messages) {
        boolean bound = router.sessions(session.jid().bare()).contains(session);
        for (String text : messages) {
            Stanza message = stored.read(text);
            if (bound) {
                session.deliver(message);
            } else {
                router.route(message);
            }
        }
    }
}
