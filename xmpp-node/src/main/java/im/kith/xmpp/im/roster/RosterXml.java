package im.kith.xmpp.im.roster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** The {@code jabber:iq:roster} payloads (RFC 6121 §2.1): items, queries and the checks on a roster set. */
final class RosterXml {
    static final String NS = "jabber:iq:roster";

    private RosterXml() {
    }

    /** A roster item as the user sees it (§2.1.2). */
    static Element item(RosterEntry e) {
        SubscriptionState s = e.state();
        Element.Builder b = Element.builder("item", NS)
                .attribute("jid", e.contact())
                .attribute("name", e.name())
                .attribute("subscription", s.subscription().value())
                // §2.1.2.2: ask='subscribe' marks "Pending Out"; §2.1.2.1: approved='true' a pre-approval (§3.4).
                .attribute("ask", s.pendingOut() ? "subscribe" : null)
                .attribute("approved", s.approved() ? "true" : null);
        for (String group : e.groups()) {
            b.child(Element.builder("group", NS).text(group).build());
        }
        return b.build();
    }

    /** The item of a roster push announcing a removal (§2.5.2). */
    static Element removed(Jid contact) {
        return Element.builder("item", NS).attribute("jid", contact).attribute("subscription", "remove").build();
    }

    /** A {@code <query/>} with the roster version (§2.1.1) and items. */
    static Element query(long version, List<Element> items) {
        return Element.builder("query", NS).attribute("ver", Long.toString(version)).children(items).build();
    }

    /**
     * Reads and checks a roster set (§2.1.5, §2.3.3, §2.4.3, §2.5.3).
     *
     * @throws StanzaErrorException bad-request, jid-malformed or not-acceptable
     */
    static RosterRequest parseSet(Element query, RosterConfig limits) {
        List<Element> items = query.elements("item", NS);
        if (items.size() != 1) {
            // §2.3.3: MUST return bad-request if the query holds more than one item (and there is nothing to do with none).
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a roster set carries exactly one item");
        }
        Element item = items.getFirst();
        String jidValue = item.attribute("jid");
        if (jidValue == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the item has no 'jid'");
        }
        Jid contact;
        try {
            contact = Jid.parse(jidValue);
        } catch (JidException e) {
            throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "invalid item 'jid': " + e.getMessage());
        }
        // §2.1.2.5: in a roster set the server MUST ignore every 'subscription' value other than "remove";
        // 'ask' and 'approved' are the server's to set (§2.1.2.1, §2.1.2.2) and are ignored too.
        if ("remove".equals(item.attribute("subscription"))) {
            return new RosterRequest.Remove(contact);
        }
        String name = item.attribute("name");
        if (name != null && name.length() > limits.maxNameLength()) {
            // §2.3.3: MUST return not-acceptable if the name is longer than a server-configured limit.
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the name is longer than " + limits.maxNameLength() + " characters");
        }
        return new RosterRequest.Update(contact, name == null || name.isEmpty() ? null : name, groups(item, limits));
    }

    private static List<String> groups(Element item, RosterConfig limits) {
        List<Element> elements = item.elements("group", NS);
        if (elements.size() > limits.maxGroups()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "an item may be in at most " + limits.maxGroups() + " groups");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Element g : elements) {
            String group = g.text();
            if (group.isEmpty()) {
                // §2.3.3: MUST return not-acceptable for an empty <group/>.
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "a group name is empty");
            }
            if (group.length() > limits.maxGroupLength()) {
                // §2.3.3: MUST return not-acceptable if a group is longer than a server-configured limit.
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "a group name is longer than " + limits.maxGroupLength() + " characters");
            }
            if (!groups.add(group)) {
                // §2.3.3: MUST return bad-request for duplicate groups.
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "group '" + group + "' is repeated");
            }
        }
        return new ArrayList<>(groups);
    }
}
