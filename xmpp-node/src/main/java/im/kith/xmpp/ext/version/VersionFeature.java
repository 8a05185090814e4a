package im.kith.xmpp.ext.version;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.support.KithVersion;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0092 Software Version of the server. The operating system is not disclosed (§5 allows
 * omitting it, and it helps attackers more than users).
 */
@ApplicationScoped
public class VersionFeature implements XmppFeature {
    static final String NS = "jabber:iq:version";

    @Override
    public String name() {
        return "version";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        ctx.iq(IqRoute.serverGet(NS), req -> CompletableFuture.completedFuture(Element.builder("query", NS)
                .textChild("name", "Kith").textChild("version", KithVersion.VERSION).build()));
    }
}
