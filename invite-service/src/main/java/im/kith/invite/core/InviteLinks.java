package im.kith.invite.core;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.invite.InviteConfig;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteView;
import im.kith.xmpp.account.AccountService;

/** The addresses of an invite: its landing page and its xmpp: URIs. */
@ApplicationScoped
public class InviteLinks {
    private final String domain;
    private final String baseUrl;
    private final InviteConfig config;

    InviteLinks(AccountService accounts, InviteConfig config) {
        this.domain = accounts.domain();
        this.config = config;
        String base = config.invites().baseUrl().orElse("https://" + domain);
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String domain() {
        return domain;
    }

    /** Name of the community. */
    public String siteName() {
        return config.invites().siteName().orElse(domain);
    }

    /** {@code BASE/invite/TOKEN/}. */
    public String landingUrl(String token) {
        return baseUrl + "/invite/" + token + "/";
    }

    /**
     * The URI a client opens: {@code xmpp:INVITER@DOMAIN?roster;preauth=TOKEN;ibr=y} for a contact invite
     * (XEP-0401 §4.1; {@code ibr=y} is omitted when in-band registration is closed, as §4.1 requires),
     * else {@code xmpp:[USER@]DOMAIN?register;preauth=TOKEN} (XEP-0445 §2).
     */
    public String xmppUri(InviteView invite, String token) {
        if (invite.kind() == InviteKind.CONTACT) {
            return "xmpp:" + invite.inviter() + "@" + domain + "?roster;preauth=" + token
                    + (config.registration() == InviteConfig.RegistrationMode.CLOSED ? "" : ";ibr=y");
        }
        String user = invite.username() == null ? "" : invite.username() + "@";
        return "xmpp:" + user + domain + "?register;preauth=" + token;
    }
}
