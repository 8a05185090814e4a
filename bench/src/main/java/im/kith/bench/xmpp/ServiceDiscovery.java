package im.kith.bench.xmpp;

import im.kith.bench.xml.Element;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds services of the user's server with XEP-0030 service discovery. */
public final class ServiceDiscovery {
    private static final String NS_ITEMS = "http://jabber.org/protocol/disco#items";
    private static final String NS_INFO = "http://jabber.org/protocol/disco#info";

    private ServiceDiscovery() {}

    /**
     * The first item of the server's {@code disco#items} whose {@code disco#info} advertises
     * {@code feature}, e.g. {@code http://jabber.org/protocol/muc}; empty when none does.
     */
    public static Future<Optional<String>> findService(XmppSession session, String domain, String feature) {
        return session.iq("get", domain, "<query xmlns='" + NS_ITEMS + "'/>").compose(items -> {
            List<String> jids = new ArrayList<>();
            Element query = items.child("query", NS_ITEMS);
            if (query != null) {
                query.children().stream().map(item -> item.attribute("jid")).filter(jid -> jid != null)
                        .forEach(jids::add);
            }
            return firstOffering(session, jids, 0, feature);
        });
    }

    private static Future<Optional<String>> firstOffering(XmppSession session, List<String> jids, int index,
            String feature) {
        if (index == jids.size()) {
            return Future.succeededFuture(Optional.empty());
        }
        String jid = jids.get(index);
        return session.iq("get", jid, "<query xmlns='" + NS_INFO + "'/>")
                .map(info -> offers(info, feature))
                .otherwise(false)
                .compose(found -> found ? Future.succeededFuture(Optional.of(jid))
                        : firstOffering(session, jids, index + 1, feature));
    }

    private static boolean offers(Element info, String feature) {
        Element query = info.child("query", NS_INFO);
        return query != null && query.children().stream()
                .anyMatch(c -> c.name().equals("feature") && feature.equals(c.attribute("var")));
    }
}
