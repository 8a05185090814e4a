package im.kith.xmpp.ext.session;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.Ns;

/**
 * Accepts the RFC 3921 session-establishment IQ that older clients send after binding; RFC 6121
 * Appendix E makes it a no-op, advertised as optional in stream features.
 */
@ApplicationScoped
public class SessionFeature implements XmppFeature {

    @Override
    public String name() {
        return "session";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.iq(IqRoute.serverSet(Ns.SESSION), req -> CompletableFuture.completedFuture(null));
        ctx.iq(IqRoute.accountSet(Ns.SESSION), req -> CompletableFuture.completedFuture(null));
    }
}
