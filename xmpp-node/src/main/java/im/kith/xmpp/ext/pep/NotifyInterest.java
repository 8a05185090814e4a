package im.kith.xmpp.ext.pep;

import java.util.Set;

import im.kith.xmpp.jid.Jid;

/**
 * CDI event: a resource that sends presence to {@code account} has just become known to want
 * notifications of {@code nodes} (its XEP-0115 capabilities list {@code NODE+notify}), because it
 * became available or changed its capabilities.
 */
public record NotifyInterest(Jid account, Jid resource, Set<String> nodes) {
}
