package im.kith.xmpp.ext.muc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.jid.Jid;

/** The service's domain: {@code kith.muc.domain}, by default {@code groups.} + the XMPP domain. */
@ApplicationScoped
public class MucDomain {
    private final Jid jid;

    @Inject
    public MucDomain(MucConfig config, NodeConfig node) {
        this.jid = Jid.domain(config.domain().orElse("groups." + node.domain()));
    }

    public Jid jid() {
        return jid;
    }

    /** A room's bare JID. */
    public Jid room(String localpart) {
        return Jid.of(localpart, jid.domain(), null);
    }
}
