package im.kith.xmpp.ext.register;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqHandler;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0077 In-Band Registration for logged-in users: reading the registration (§3.1, {@code <registered/>}),
 * changing the password (§3.3) and removing the account (§3.2). Creating accounts before login is the
 * invite service's job.
 */
@ApplicationScoped
public class AccountManagementFeature implements XmppFeature {
    static final String NS = "jabber:iq:register";
    private static final int MIN_PASSWORD = 10;

    private final AccountService accounts;
    private final Blocking blocking;

    @Inject
    public AccountManagementFeature(AccountService accounts, Blocking blocking) {
        this.accounts = accounts;
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return "account-management";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.iq(IqRoute.accountGet(NS), this::get);
        ctx.iq(IqRoute.accountSet(NS), this::set);
        // Clients also address these requests to the server (XEP-0077 §3.3 examples use to='domain').
        ctx.iq(IqRoute.serverSet(NS), this::set);
        ctx.iq(IqRoute.serverGet(NS), this::get);
    }

    private CompletionStage<Element> get(IqRequest req) {
        requireOwner(req);
        return CompletableFuture.completedFuture(Element.builder("query", NS)
                .child(Element.of("registered", NS))
                .textChild("username", req.sender().local())
                .child(Element.of("password", NS))
                .build());
    }

    private CompletionStage<Element> set(IqRequest req) {
        requireOwner(req);
        Element query = req.iq().payload();
        String localpart = req.sender().local();
        if (query.child("remove", NS) != null) {
            // XEP-0077 §3.2: answer first, then remove the account; its sessions end with it.
            req.session().write(req.iq().resultWith(null).withFrom(null));
            return blocking.supply(() -> {
                accounts.delete(localpart);
                return IqHandler.ANSWERED;
            });
        }
        String username = query.childText("username", NS);
        String password = query.childText("password", NS);
        if (password == null || (username != null && !localpart.equals(localOf(username)))) {
            // XEP-0077 §3.3: a password change names the user's own username and a new password.
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "username and password are required");
        }
        if (password.length() < MIN_PASSWORD) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the password needs at least " + MIN_PASSWORD + " characters");
        }
        return blocking.supply(() -> {
            try {
                accounts.changePassword(localpart, password);
            } catch (AccountException e) {
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, e.getMessage());
            }
            return null;
        });
    }

    private static void requireOwner(IqRequest req) {
        boolean toOwnAccount = req.fromOwner() || req.target().isDomain();
        if (req.session() == null || !toOwnAccount) {
            // XEP-0077 §3: only the account itself manages its registration.
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN);
        }
    }

    /** Usernames in XEP-0077 forms are localparts, sometimes sent as a bare JID. */
    private static String localOf(String username) {
        int at = username.indexOf('@');
        String l = at < 0 ? username : username.substring(0, at);
        try {
            return Jid.normalizeLocal(l);
        } catch (IllegalArgumentException e) {
            return l;
        }
    }
}
