package im.kith.xmpp.ext.muc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.feature.XmppFeature;

/** XEP-0045 Multi-User Chat as the component {@code groups.DOMAIN}, listed in the server's disco#items (§6.1). */
@ApplicationScoped
public class MucFeature implements XmppFeature {
    private final MucService service;
    private final MucDomain domain;

    @Inject
    public MucFeature(MucService service, MucDomain domain) {
        this.service = service;
        this.domain = domain;
    }

    @Override
    public String name() {
        return "muc";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.component(domain.jid(), service::receive);
        // §6.1: clients find the service among the server's items.
        ctx.discoItem(domain.jid(), "Groups");
        ctx.sessionListener(new SessionListener() {
            @Override
            public void closed(LocalSession session) {
                service.sessionClosed(session);
            }
        });
    }
}
