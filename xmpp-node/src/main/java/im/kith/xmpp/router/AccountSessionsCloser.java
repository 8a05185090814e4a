package im.kith.xmpp.router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import im.kith.xmpp.account.AccountDisabled;
import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StreamErrorCondition;

/** Ends the sessions of an account that was deleted or disabled (RFC 6120 §4.9.3.12 not-authorized). */
@ApplicationScoped
public class AccountSessionsCloser {
    private final SessionRegistry sessions;
    private final Router router;

    @Inject
    public AccountSessionsCloser(SessionRegistry sessions, Router router) {
        this.sessions = sessions;
        this.router = router;
    }

    void removed(@Observes AccountRemoved event) {
        close(event.localpart(), "the account was deleted");
    }

    void disabled(@Observes AccountDisabled event) {
        close(event.localpart(), "the account was disabled");
    }

    private void close(String localpart, String why) {
        for (LocalSession s : sessions.sessions(Jid.of(localpart, router.domain().domain(), null))) {
            s.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, why);
        }
    }
}
