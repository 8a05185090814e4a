package im.kith.appliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import im.kith.acme.CertificateRenewalFailing;
import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/**
 * Tells the server's admins over XMPP about problems they must act on, such as a certificate that
 * cannot be renewed. Messages come from the server's domain and wait offline if nobody is online.
 */
@ApplicationScoped
public class AdminAlerts {
    private final AccountService accounts;
    private final Router router;

    @Inject
    public AdminAlerts(AccountService accounts, Router router) {
        this.accounts = accounts;
        this.router = router;
    }

    /** Fired by the ACME client on its worker thread, so reading the account list here is fine. */
    void renewalFailing(@Observes CertificateRenewalFailing event) {
        notifyAdmins("Kith could not renew the server's certificate, which expires " + event.notAfter()
                + ". " + event.message() + " Run 'kithctl status' or open the portal's server page for details.");
    }

    /** Sends a chat message from the server to every admin account. Blocking (reads the account list). */
    public void notifyAdmins(String text) {
        Jid from = router.domain();
        for (Account account : accounts.list()) {
            if (account.role() != Role.ADMIN) {
                continue;
            }
            Jid to = account.jid();
            Element message = Element.builder("message", Ns.CLIENT).attribute("type", "chat")
                    .attribute("from", from).attribute("to", to)
                    .child(Element.builder("body", Ns.CLIENT).text(text).build()).build();
            router.route(Stanza.of(message));
        }
    }
}
