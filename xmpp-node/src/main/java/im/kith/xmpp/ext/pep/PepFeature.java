package im.kith.xmpp.ext.pep;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.DiscoIdentity;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;

/** XEP-0163 Personal Eventing Protocol on every account's bare JID. */
@ApplicationScoped
public class PepFeature implements XmppFeature {
    private static final String[] FEATURES = {"publish", "auto-create", "publish-options", "access-presence",
        "access-open", "access-whitelist", "retrieve-items", "retract-items", "delete-nodes", "config-node",
        "last-published", "persistent-items", "multi-items", "filtered-notifications", "item-ids"};

    private final PubSubIq iq;
    private final Interests interests;

    public PepFeature(PubSubIq iq, Interests interests) {
        this.iq = iq;
        this.interests = interests;
    }

    @Override
    public String name() {
        return "pep";
    }

    @Override
    public void register(FeatureContext ctx) {
        // XEP-0163 §6.1: the account advertises the pubsub/pep identity on its bare JID.
        ctx.discoIdentity(DiscoTarget.ACCOUNT, new DiscoIdentity("pubsub", "pep", null));
        for (String f : FEATURES) {
            ctx.discoFeature(DiscoTarget.ACCOUNT, PepNs.PUBSUB + "#" + f);
        }
        ctx.iq(IqRoute.accountGet(PepNs.PUBSUB), iq::get);
        ctx.iq(IqRoute.accountSet(PepNs.PUBSUB), iq::set);
        ctx.iq(IqRoute.accountGet(PepNs.OWNER), iq::ownerGet);
        ctx.iq(IqRoute.accountSet(PepNs.OWNER), iq::ownerSet);
        // XEP-0163 §4.2: notification filtering learns each contact's capabilities from its presence.
        ctx.accountDelivery(interests::onDelivery);
    }
}
