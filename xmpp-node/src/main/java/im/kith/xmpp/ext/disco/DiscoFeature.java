package im.kith.xmpp.ext.disco;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import im.kith.xmpp.feature.DiscoIdentity;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * Service discovery (XEP-0030) for the server and for accounts, with the server's entity
 * capabilities (XEP-0115) offered in stream features.
 */
@ApplicationScoped
public class DiscoFeature implements XmppFeature {
    static final String INFO = "http://jabber.org/protocol/disco#info";
    static final String ITEMS = "http://jabber.org/protocol/disco#items";
    static final String CAPS = "http://jabber.org/protocol/caps";
    static final String CAPS_NODE = "https://kith.im";

    private final Provider<FeatureRegistry> registry;
    private final DiscoExtensions extensions;
    private volatile String capsVer;

    @Inject
    public DiscoFeature(Provider<FeatureRegistry> registry, DiscoExtensions extensions) {
        this.registry = registry;
        this.extensions = extensions;
    }

    @Override
    public String name() {
        return "disco";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.discoIdentity(DiscoTarget.SERVER, new DiscoIdentity("server", "im", "Kith"));
        ctx.discoIdentity(DiscoTarget.ACCOUNT, new DiscoIdentity("account", "registered", null));
        for (DiscoTarget t : DiscoTarget.values()) {
            ctx.discoFeature(t, INFO);
            ctx.discoFeature(t, ITEMS);
        }
        ctx.iq(IqRoute.serverGet(INFO), this::serverInfo);
        ctx.iq(IqRoute.serverGet(ITEMS), this::serverItems);
        ctx.iq(IqRoute.accountGet(INFO), this::accountInfo);
        ctx.iq(IqRoute.accountGet(ITEMS), req -> done(Element.builder("query", ITEMS)
                .attribute("node", req.iq().payload().attribute("node")).build()));
        // XEP-0115 §6.3: a server may advertise its own capabilities in stream features.
        ctx.streamFeature((phase, session) -> phase == StreamFeature.Phase.POST_AUTH
                ? Element.builder("c", CAPS).attribute("hash", "sha-1").attribute("node", CAPS_NODE)
                        .attribute("ver", capsVer()).build()
                : null);
    }

    private CompletionStage<Element> serverInfo(IqRequest req) {
        String node = req.iq().payload().attribute("node");
        if (node != null && !node.equals(CAPS_NODE + "#" + capsVer())) {
            var owner = extensions.node(node);
            if (owner.isPresent()) {
                return owner.get().info(node, req.sender());
            }
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        return done(info(DiscoTarget.SERVER, node, true));
    }

    private CompletionStage<Element> accountInfo(IqRequest req) {
        if (req.iq().payload().attribute("node") != null) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        return done(info(DiscoTarget.ACCOUNT, null, false));
    }

    private CompletionStage<Element> serverItems(IqRequest req) {
        Element.Builder q = Element.builder("query", ITEMS);
        String node = req.iq().payload().attribute("node");
        var owner = node == null ? java.util.Optional.<DiscoExtensions.ServerNodes>empty() : extensions.node(node);
        if (owner.isPresent()) {
            return owner.get().items(node, req.sender());
        }
        if (node == null) {
            registry.get().discoItems().forEach((jid, name) ->
                    q.child(Element.builder("item", ITEMS).attribute("jid", jid).attribute("name", name).build()));
        }
        return done(q.build());
    }

    Element info(DiscoTarget target, String node, boolean withForms) {
        FeatureRegistry r = registry.get();
        Element.Builder q = Element.builder("query", INFO).attribute("node", node);
        for (DiscoIdentity id : r.discoIdentities(target)) {
            q.child(Element.builder("identity", INFO).attribute("category", id.category())
                    .attribute("type", id.type()).attribute("name", id.name()).build());
        }
        for (String var : r.discoFeatures(target)) {
            q.child(Element.builder("feature", INFO).attribute("var", var).build());
        }
        if (withForms) {
            extensions.forms().forEach(q::child);
        }
        return q.build();
    }

    private String capsVer() {
        String v = capsVer;
        if (v == null) {
            v = CapsHash.ver(info(DiscoTarget.SERVER, null, true));
            capsVer = v;
        }
        return v;
    }

    private static CompletionStage<Element> done(Element e) {
        return CompletableFuture.completedFuture(e);
    }
}
