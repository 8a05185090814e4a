package im.kith.invite.xmpp;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.invite.circle.RosterLinks;
import im.kith.invite.core.Redemption;
import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * Pre-authenticated roster subscription (XEP-0379 §3.4): a subscription request to a local account
 * that carries {@code <preauth xmlns='urn:xmpp:pars:0' token='...'/>} of that account's contact invite
 * is approved without asking the user, and the account subscribes back, so both end with 'both'.
 *
 * <p>The hook holds the request, redeems the token and pre-approves the contact (RFC 6121 §3.4) on a
 * virtual thread, then routes the request again without the token: the presence feature then finds the
 * pre-approval and answers 'subscribed' as RFC 6121 §3.4.2 requires. Requests with unknown tokens
 * continue as ordinary requests.
 */
@ApplicationScoped
public class ContactPreauthFeature implements XmppFeature {
    private static final Logger LOG = Logger.getLogger(ContactPreauthFeature.class);

    private final Redemption redemption;
    private final RosterLinks roster;
    private final Router router;
    private final Blocking blocking;

    ContactPreauthFeature(Redemption redemption, RosterLinks roster, Router router, Blocking blocking) {
        this.redemption = redemption;
        this.roster = roster;
        this.router = router;
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return "invite-preauth";
    }

    /** Before the presence feature, which processes subscriptions. */
    @Override
    public int order() {
        return 40;
    }

    @Override
    public void register(FeatureContext context) {
        context.accountDelivery(this::onDelivery);
    }

    private HookResult onDelivery(Jid account, Delivery delivery) {
        Stanza s = delivery.stanza();
        Element preauth = s.isPresence() && "subscribe".equals(s.type()) && s.from() != null
                ? s.element().child("preauth", RegistrationFeature.NS_PARS) : null;
        if (preauth == null || account.local() == null) {
            return HookResult.CONTINUE;
        }
        String token = preauth.attribute("token");
        Stanza request = s.withElement(s.element().withoutChildren(e -> e.is("preauth", RegistrationFeature.NS_PARS)));
        Jid owner = account.bare();
        Jid contact = s.from().bare();
        blocking.supply(() -> token != null && redemption.redeemSubscription(token, owner.local(), contact)
                && roster.preApprove(owner.local(), contact))
                .whenComplete((askBack, failure) -> {
                    if (failure != null) {
                        LOG.errorf(failure, "Pre-authenticated subscription of %s to %s failed", contact, owner);
                    }
                    router.route(request);
                    if (Boolean.TRUE.equals(askBack)) {
                        router.route(Stanza.of(Element.builder("presence", Ns.CLIENT).attribute("type", "subscribe")
                                .attribute("from", owner).attribute("to", contact).build()));
                    }
                });
        return HookResult.HANDLED;
    }
}
