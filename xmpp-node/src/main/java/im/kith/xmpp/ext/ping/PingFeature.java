package im.kith.xmpp.ext.ping;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;

/** XEP-0199 XMPP Ping: the server answers pings addressed to it (§4.2) and to an account by its owner. */
@ApplicationScoped
public class PingFeature implements XmppFeature {
    static final String NS = "urn:xmpp:ping";

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        // XEP-0199 §4.2: an empty result answers a client-to-server ping.
        ctx.iq(IqRoute.serverGet(NS), req -> CompletableFuture.completedFuture(null));
        ctx.iq(IqRoute.accountGet(NS), req -> CompletableFuture.completedFuture(null));
    }
}
