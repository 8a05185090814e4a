package im.kith.xmpp.ext.pep;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;

import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.im.roster.RosterStore;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/**
 * Event notifications (XEP-0060 §7.1.2, §7.2.2, §8.4.2) from an account's bare JID: to each of the
 * owner's available resources (XEP-0163 §4.3.1: the owner is always subscribed) and to the other
 * resources whose presence reached the account, whose capabilities ask for the node (XEP-0163 §4.2)
 * and who may read it (§4.3.3). Blocking (roster look-up): call on a virtual thread.
 */
@ApplicationScoped
public class Notifications {
    private final Provider<Router> router;
    private final Interests interests;
    private final RosterStore roster;

    public Notifications(Provider<Router> router, Interests interests, RosterStore roster) {
        this.router = router;
        this.interests = interests;
        this.roster = roster;
    }

    /** The event of a published item, with its payload (pubsub#deliver_payloads is always true). */
    public void published(Jid owner, String node, NodeSettings settings, String itemId, Element payload) {
        Element item = Element.builder("item", PepNs.EVENT).attribute("id", itemId).child(payload).build();
        send(owner, node, settings, items(node, item));
    }

    /** XEP-0060 §7.2.2: the event of a retracted item. */
    public void retracted(Jid owner, String node, NodeSettings settings, String itemId) {
        Element retract = Element.builder("retract", PepNs.EVENT).attribute("id", itemId).build();
        send(owner, node, settings, items(node, retract));
    }

    /** XEP-0060 §8.4.2: the event of a deleted node, to whoever could read it. */
    public void deleted(Jid owner, String node, NodeSettings settings) {
        send(owner, node, settings, Element.builder("delete", PepNs.EVENT).attribute("node", node).build());
    }

    /** XEP-0060 §6.1.7 / XEP-0163 §4.3.2: the last published item to one resource, with its date. */
    public void lastPublished(Jid owner, Jid to, String node, StoredItem item, Element payload) {
        Element event = items(node, Element.builder("item", PepNs.EVENT).attribute("id", item.id()).child(payload).build());
        router.get().route(Stanza.of(message(owner, to, event, item.publishedAt())));
    }

    private void send(Jid owner, String node, NodeSettings settings, Element eventChild) {
        List<Jid> recipients = new ArrayList<>();
        for (LocalSession s : router.get().sessions(owner)) {
            if (s.available()) {
                recipients.add(s.jid());
            }
        }
        List<Jid> others = interests.interested(owner, node);
        if (!others.isEmpty() && settings.accessModel() != AccessModel.WHITELIST) {
            List<Jid> subscribers = settings.accessModel() == AccessModel.PRESENCE ? subscribers(owner) : null;
            for (Jid r : others) {
                if (subscribers == null || subscribers.contains(r.bare())) {
                    recipients.add(r);
                }
            }
        }
        for (Jid to : recipients) {
            router.get().route(Stanza.of(message(owner, to, eventChild, null)));
        }
    }

    private List<Jid> subscribers(Jid owner) {
        try {
            return roster.presenceContacts(owner.local()).subscribers();
        } catch (SQLException e) {
            throw new IllegalStateException("roster of " + owner + " unavailable", e);
        }
    }

    private static Element items(String node, Element child) {
        return Element.builder("items", PepNs.EVENT).attribute("node", node).child(child).build();
    }

    private static Element message(Jid owner, Jid to, Element eventChild, Instant delay) {
        Element.Builder m = Element.builder("message", Ns.CLIENT).attribute("type", "headline")
                .attribute("id", UUID.randomUUID()).attribute("from", owner).attribute("to", to)
                .child(Element.builder("event", PepNs.EVENT).child(eventChild).build());
        if (delay != null) {
            m.child(Element.builder("delay", Ns.DELAY).attribute("from", owner)
                    .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(delay.truncatedTo(ChronoUnit.MILLIS))).build());
        }
        return m.build();
    }
}
