package im.kith.portal.web;

import java.util.Locale;

import io.quarkus.qute.TemplateData;

import im.kith.portal.session.PortalSession;
import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.Role;

/**
 * The signed-in visitor of one request.
 *
 * @param session the portal session
 * @param account the account, as stored now (role changes apply at once)
 * @param locale  the language of the pages
 * @param secure  whether the request came over HTTPS
 */
@TemplateData
public record Viewer(PortalSession session, Account account, Locale locale, boolean secure) {

    public boolean admin() {
        return account.role() == Role.ADMIN;
    }

    /** The account's address, {@code localpart@domain}. */
    public String jid() {
        return account.jid().toString();
    }

    public String localpart() {
        return account.localpart();
    }

    public String csrf() {
        return session.csrf();
    }
}
