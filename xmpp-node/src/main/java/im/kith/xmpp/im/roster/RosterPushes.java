package im.kith.xmpp.im.roster;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/** Sends roster pushes (RFC 6121 §2.1.6) to the interested resources of an account. */
@ApplicationScoped
public class RosterPushes {
    private final Router router;

    public RosterPushes(Router router) {
        this.router = router;
    }

    /** Pushes a change if it changed what the user sees; a contact that left the roster is pushed as removed. */
    public void push(Jid account, RosterStore.Change<?> change) {
        if (!change.pushDue()) {
            return;
        }
        RosterEntry after = change.after();
        push(account, change.version(), after.listed() ? RosterXml.item(after) : RosterXml.removed(after.contact()));
    }

    /**
     * §2.1.6: the server MUST send a push with the changed item to every interested resource (one that
     * requested the roster), carrying the new version (§2.6.1). The push has no 'from', which clients
     * read as coming from the account itself (§2.1.6 client processing).
     */
    void push(Jid account, long version, Element item) {
        Element query = RosterXml.query(version, List.of(item));
        for (LocalSession session : router.sessions(account.bare())) {
            Stanza push = Stanza.of(Element.builder("iq", Ns.CLIENT)
                    .attribute("type", "set")
                    .attribute("id", "push-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                    .attribute("to", session.jid())
                    .child(query)
                    .build());
            // Read off the event loop: a session turns interested before its roster get enters the account's
            // sequence, and pushes are sent from later tasks of that sequence, which therefore see it.
            if (session.interested()) {
                session.deliver(push);
            }
        }
    }
}
