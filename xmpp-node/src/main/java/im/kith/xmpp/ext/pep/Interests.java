package im.kith.xmpp.ext.pep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.feature.Delivery;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/**
 * Which resources want which notifications from an account (XEP-0163 §4.2 filtered notifications):
 * the presence that reaches an account names each sender's XEP-0115 capabilities; unknown ones are
 * asked for with disco#info (XEP-0115 §6.2) from the account's bare JID, and the answer comes back to
 * that bare JID, where {@link #onDelivery} takes it. Held in memory only; presence rebuilds it.
 */
@ApplicationScoped
public class Interests {
    private static final Logger LOG = Logger.getLogger(Interests.class);
    private static final String ID_PREFIX = "pep-caps-";
    private static final String NO_CAPS = "";

    private final CapsCache cache;
    private final Provider<Router> router;
    private final Event<NotifyInterest> interest;
    private final ConcurrentHashMap<Jid, ConcurrentHashMap<Jid, String>> capsByAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PendingQuery> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> queryByCaps = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final int maxPending;

    /** An outstanding disco#info query and who waits for its answer. */
    private record PendingQuery(String capsKey, Jid to, Set<Map.Entry<Jid, Jid>> waiting) {
    }

    public Interests(CapsCache cache, Provider<Router> router, Event<NotifyInterest> interest, PepConfig config) {
        this.maxPending = config.capsCacheSize();
        this.cache = cache;
        this.router = router;
        this.interest = interest;
    }

    /** Account delivery hook: learns from presence, takes the answers to its own queries. */
    public HookResult onDelivery(Jid account, Delivery delivery) {
        Stanza s = delivery.stanza();
        if (s.isPresence()) {
            observePresence(account, s);
            return HookResult.CONTINUE;
        }
        if (s.isIq() && !s.isIqRequest() && s.id() != null && s.id().startsWith(ID_PREFIX)) {
            PendingQuery q = pending.get(s.id());
            if (q != null && q.to().equals(s.from()) && pending.remove(s.id(), q)) {
                queryByCaps.remove(q.capsKey(), s.id());
                answered(q, s);
                return HookResult.HANDLED;
            }
        }
        return HookResult.CONTINUE;
    }

    private void observePresence(Jid account, Stanza presence) {
        Jid from = presence.from();
        if (from == null || from.isBare()) {
            return;
        }
        String type = presence.type();
        if ("unavailable".equals(type)) {
            Map<Jid, String> known = capsByAccount.get(account);
            if (known != null) {
                known.remove(from);
            }
            return;
        }
        if (type != null) {
            return;
        }
        Element c = presence.element().child("c", PepNs.CAPS);
        String ver = c == null ? null : c.attribute("ver");
        String key = ver == null || ver.isEmpty() ? NO_CAPS : nz(c.attribute("hash")) + ":" + ver;
        String before = capsByAccount.computeIfAbsent(account, k -> new ConcurrentHashMap<>()).put(from, key);
        if (key.equals(before) || key.equals(NO_CAPS)) {
            return;
        }
        Set<String> nodes = cache.notifyNodes(key);
        if (nodes != null) {
            if (!nodes.isEmpty()) {
                interest.fire(new NotifyInterest(account, from, nodes));
            }
            return;
        }
        ask(account, from, key, nz(c.attribute("node")) + "#" + ver);
    }

    /** XEP-0115 §6.2: one disco#info query per unknown verification string; later senders wait for it. */
    private void ask(Jid account, Jid from, String key, String queryNode) {
        String id = ID_PREFIX + ids.incrementAndGet();
        String running = queryByCaps.putIfAbsent(key, id);
        if (running != null) {
            PendingQuery q = pending.get(running);
            if (q != null) {
                q.waiting().add(Map.entry(account, from));
                return;
            }
            queryByCaps.put(key, id);
        }
        if (pending.size() >= maxPending) {
            // Unanswered queries are not retried; beyond the bound, new capabilities stay unknown.
            queryByCaps.remove(key, id);
            LOG.debugf("too many capability queries outstanding; %s not asked", from);
            return;
        }
        Set<Map.Entry<Jid, Jid>> waiting = ConcurrentHashMap.newKeySet();
        waiting.add(Map.entry(account, from));
        pending.put(id, new PendingQuery(key, from, waiting));
        Element iq = Element.builder("iq", Ns.CLIENT).attribute("type", "get").attribute("id", id)
                .attribute("from", account).attribute("to", from)
                .child(Element.builder("query", PepNs.DISCO_INFO).attribute("node", queryNode).build()).build();
        router.get().route(Stanza.of(iq));
    }

    private void answered(PendingQuery q, Stanza answer) {
        if (answer.isError()) {
            LOG.debugf("disco#info of %s failed; its capabilities stay unknown", q.to());
            return;
        }
        Element query = answer.element().child("query", PepNs.DISCO_INFO);
        Set<String> nodes = new HashSet<>();
        if (query != null) {
            for (Element f : query.elements("feature", PepNs.DISCO_INFO)) {
                String var = f.attribute("var");
                if (var != null && var.endsWith(PepNs.NOTIFY_SUFFIX) && var.length() > PepNs.NOTIFY_SUFFIX.length()) {
                    nodes.add(var.substring(0, var.length() - PepNs.NOTIFY_SUFFIX.length()));
                }
            }
        }
        cache.put(q.capsKey(), nodes);
        if (nodes.isEmpty()) {
            return;
        }
        for (Map.Entry<Jid, Jid> w : q.waiting()) {
            Map<Jid, String> known = capsByAccount.get(w.getKey());
            if (known != null && q.capsKey().equals(known.get(w.getValue()))) {
                interest.fire(new NotifyInterest(w.getKey(), w.getValue(), nodes));
            }
        }
    }

    /** The resources, other than the account's own, whose presence reached the account and that want the node. */
    public List<Jid> interested(Jid account, String node) {
        Map<Jid, String> known = capsByAccount.get(account);
        List<Jid> out = new ArrayList<>();
        if (known == null) {
            return out;
        }
        known.forEach((resource, key) -> {
            Set<String> nodes = key.equals(NO_CAPS) ? null : cache.notifyNodes(key);
            if (nodes != null && nodes.contains(node) && !resource.bare().equals(account)) {
                out.add(resource);
            }
        });
        return out;
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        capsByAccount.keySet().removeIf(a -> event.localpart().equals(a.local()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
