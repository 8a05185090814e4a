package im.kith.xmpp.feature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * Holds what the enabled {@link XmppFeature}s registered: IQ handlers by {@link IqRoute}, hooks in
 * registration order, advertised disco data and stream features. Built once; read-only afterwards, so
 * every event loop reads it without locking.
 */
@ApplicationScoped
public class FeatureRegistry {
    private static final Logger LOG = Logger.getLogger(FeatureRegistry.class);

    private final Map<IqRoute, IqHandler> iqHandlers;
    private final Map<ElementKey, StreamElementHandler> streamElements;
    private final Map<String, IqHandler> unauthenticatedIqs;
    private final Map<DiscoTarget, Set<String>> discoFeatures;
    private final Map<DiscoTarget, List<DiscoIdentity>> discoIdentities;
    private final Map<Jid, String> discoItems;
    private final Map<Jid, ComponentHandler> components;
    private final List<StreamFeature> streamFeatures;
    private final List<InboundHook> inboundHooks;
    private final List<AccountDeliveryHook> accountDeliveryHooks;
    private final List<SessionDeliveryHook> sessionDeliveryHooks;
    private final List<UndeliverableHandler> undeliverableHandlers;
    private final List<SessionListener> sessionListeners;
    private final Map<ElementKey, BindInlineHandler> bindInline;
    private final List<BindHook> bindHooks;
    private final Map<ElementKey, AuthInlineHandler> authInline;
    private final List<Element> authInlineOffers;
    private final List<String> enabled;

    @Inject
    public FeatureRegistry(Instance<XmppFeature> features, NodeConfig config) {
        Collector c = new Collector();
        List<String> names = new ArrayList<>();
        List<XmppFeature> ordered = features.stream()
                .sorted(java.util.Comparator.comparingInt(XmppFeature::order).thenComparing(XmppFeature::name))
                .toList();
        for (XmppFeature feature : ordered) {
            NodeConfig.FeatureSwitch sw = config.features().get(feature.name());
            if (sw != null && !sw.enabled()) {
                LOG.infof("feature %s is switched off", feature.name());
                continue;
            }
            feature.register(c);
            names.add(feature.name());
        }
        this.iqHandlers = Map.copyOf(c.iqHandlers);
        this.streamElements = Map.copyOf(c.streamElements);
        this.unauthenticatedIqs = Map.copyOf(c.unauthenticatedIqs);
        this.discoFeatures = Map.of(DiscoTarget.SERVER, Set.copyOf(c.features(DiscoTarget.SERVER)),
                DiscoTarget.ACCOUNT, Set.copyOf(c.features(DiscoTarget.ACCOUNT)));
        this.discoIdentities = Map.of(DiscoTarget.SERVER, List.copyOf(c.identities(DiscoTarget.SERVER)),
                DiscoTarget.ACCOUNT, List.copyOf(c.identities(DiscoTarget.ACCOUNT)));
        this.discoItems = Map.copyOf(c.discoItems);
        this.components = Map.copyOf(c.components);
        this.streamFeatures = List.copyOf(c.streamFeatures);
        this.inboundHooks = List.copyOf(c.inboundHooks);
        this.accountDeliveryHooks = List.copyOf(c.accountDeliveryHooks);
        this.sessionDeliveryHooks = List.copyOf(c.sessionDeliveryHooks);
        this.undeliverableHandlers = List.copyOf(c.undeliverableHandlers);
        this.sessionListeners = List.copyOf(c.sessionListeners);
        this.bindInline = Map.copyOf(c.bindInline);
        this.bindHooks = List.copyOf(c.bindHooks);
        this.authInline = Map.copyOf(c.authInline);
        this.authInlineOffers = List.copyOf(c.authInlineOffers);
        this.enabled = List.copyOf(names);
        LOG.infof("features enabled: %s", String.join(", ", names));
    }

    public IqHandler iqHandler(IqRoute route) {
        return iqHandlers.get(route);
    }

    /** Handler for an IQ namespace on an unauthenticated stream, or null. */
    public IqHandler unauthenticatedIq(String namespace) {
        return unauthenticatedIqs.get(namespace);
    }

    /** Whether any handler exists for this namespace on this target (to tell bad-request from unsupported). */
    public boolean handlesNamespace(IqRoute.IqTarget target, String namespace) {
        return iqHandlers.containsKey(new IqRoute(target, IqRoute.IqType.GET, namespace))
                || iqHandlers.containsKey(new IqRoute(target, IqRoute.IqType.SET, namespace));
    }

    public StreamElementHandler streamElementHandler(ElementKey key) {
        return streamElements.get(key);
    }

    /** Disco features, sorted (XEP-0115 §5.1 hashing wants a stable order). */
    public Set<String> discoFeatures(DiscoTarget target) {
        return new TreeSet<>(discoFeatures.get(target));
    }

    public List<DiscoIdentity> discoIdentities(DiscoTarget target) {
        return discoIdentities.get(target);
    }

    public Map<Jid, String> discoItems() {
        return discoItems;
    }

    public ComponentHandler component(Jid domain) {
        return components.get(domain);
    }

    public List<StreamFeature> streamFeatures() {
        return streamFeatures;
    }

    public List<InboundHook> inboundHooks() {
        return inboundHooks;
    }

    public List<AccountDeliveryHook> accountDeliveryHooks() {
        return accountDeliveryHooks;
    }

    public List<SessionDeliveryHook> sessionDeliveryHooks() {
        return sessionDeliveryHooks;
    }

    public List<UndeliverableHandler> undeliverableHandlers() {
        return undeliverableHandlers;
    }

    public List<SessionListener> sessionListeners() {
        return sessionListeners;
    }

    /** The handler for a child of a Bind 2 request, or null (XEP-0386 §2.2). */
    public BindInlineHandler bindInline(ElementKey key) {
        return bindInline.get(key);
    }

    /** The namespaces of the features that Bind 2 may enable inline, sorted. */
    public Set<String> bindInlineFeatures() {
        Set<String> vars = new TreeSet<>();
        bindInline.keySet().forEach(k -> vars.add(k.namespace()));
        return vars;
    }

    public List<BindHook> bindHooks() {
        return bindHooks;
    }

    /** The handler for a child of a SASL2 {@code <authenticate/>}, or null (XEP-0388 §2.1). */
    public AuthInlineHandler authInline(ElementKey key) {
        return authInline.get(key);
    }

    /** What the features put into the SASL2 {@code <inline/>} element. */
    public List<Element> authInlineOffers() {
        return authInlineOffers;
    }

    /** Names of the enabled features. */
    public List<String> enabled() {
        return enabled;
    }

    /** Mutable registration target used only while features register. */
    private static final class Collector implements FeatureContext {
        final Map<IqRoute, IqHandler> iqHandlers = new HashMap<>();
        final Map<ElementKey, StreamElementHandler> streamElements = new HashMap<>();
        final Map<String, IqHandler> unauthenticatedIqs = new HashMap<>();
        final Map<DiscoTarget, Set<String>> discoFeatures = new HashMap<>();
        final Map<DiscoTarget, List<DiscoIdentity>> discoIdentities = new HashMap<>();
        final Map<Jid, String> discoItems = new LinkedHashMap<>();
        final Map<Jid, ComponentHandler> components = new HashMap<>();
        final List<StreamFeature> streamFeatures = new ArrayList<>();
        final List<InboundHook> inboundHooks = new ArrayList<>();
        final List<AccountDeliveryHook> accountDeliveryHooks = new ArrayList<>();
        final List<SessionDeliveryHook> sessionDeliveryHooks = new ArrayList<>();
        final List<UndeliverableHandler> undeliverableHandlers = new ArrayList<>();
        final List<SessionListener> sessionListeners = new ArrayList<>();
        final Map<ElementKey, BindInlineHandler> bindInline = new HashMap<>();
        final List<BindHook> bindHooks = new ArrayList<>();
        final Map<ElementKey, AuthInlineHandler> authInline = new HashMap<>();
        final List<Element> authInlineOffers = new ArrayList<>();

        Set<String> features(DiscoTarget t) {
            return discoFeatures.computeIfAbsent(t, k -> new LinkedHashSet<>());
        }

        List<DiscoIdentity> identities(DiscoTarget t) {
            return discoIdentities.computeIfAbsent(t, k -> new ArrayList<>());
        }

        @Override
        public void iq(IqRoute route, IqHandler handler) {
            if (iqHandlers.putIfAbsent(route, handler) != null) {
                throw new IllegalStateException("two handlers for " + route);
            }
        }

        @Override
        public void unauthenticatedIq(String namespace, IqHandler handler) {
            if (unauthenticatedIqs.putIfAbsent(namespace, handler) != null) {
                throw new IllegalStateException("two unauthenticated handlers for " + namespace);
            }
        }

        @Override
        public void discoFeature(DiscoTarget target, String var) {
            features(target).add(var);
        }

        @Override
        public void discoIdentity(DiscoTarget target, DiscoIdentity identity) {
            identities(target).add(identity);
        }

        @Override
        public void discoItem(Jid item, String name) {
            discoItems.put(item, name);
        }

        @Override
        public void streamFeature(StreamFeature feature) {
            streamFeatures.add(feature);
        }

        @Override
        public void streamElement(ElementKey key, StreamElementHandler handler) {
            if (streamElements.putIfAbsent(key, handler) != null) {
                throw new IllegalStateException("two handlers for " + key);
            }
        }

        @Override
        public void inbound(InboundHook hook) {
            inboundHooks.add(hook);
        }

        @Override
        public void accountDelivery(AccountDeliveryHook hook) {
            accountDeliveryHooks.add(hook);
        }

        @Override
        public void sessionDelivery(SessionDeliveryHook hook) {
            sessionDeliveryHooks.add(hook);
        }

        @Override
        public void undeliverable(UndeliverableHandler handler) {
            undeliverableHandlers.add(handler);
        }

        @Override
        public void sessionListener(SessionListener listener) {
            sessionListeners.add(listener);
        }

        @Override
        public void bindInline(ElementKey request, BindInlineHandler handler) {
            if (bindInline.putIfAbsent(request, handler) != null) {
                throw new IllegalStateException("two Bind 2 handlers for " + request);
            }
        }

        @Override
        public void bindHook(BindHook hook) {
            bindHooks.add(hook);
        }

        @Override
        public void authInline(Element offer, ElementKey request, AuthInlineHandler handler) {
            if (authInline.putIfAbsent(request, handler) != null) {
                throw new IllegalStateException("two SASL2 inline handlers for " + request);
            }
            authInlineOffers.add(offer);
        }

        @Override
        public void component(Jid domain, ComponentHandler handler) {
            if (components.putIfAbsent(domain, handler) != null) {
                throw new IllegalStateException("two handlers for component " + domain);
            }
        }
    }
}
